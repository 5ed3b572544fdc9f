import type { UpstreamName } from '../upstreams.js';
import type { Upstream } from './core/upstream.js';
import { forensicModule } from './forensic/index.js';
import { hrModule } from './hr/index.js';
import { lenelModule } from './lenel/index.js';
import { rehiveModule } from './rehive/index.js';

/** Every upstream module, by name: the gateway builds each configured one, and each request's data sources, from this list. */
export const UPSTREAM_MODULES = { lenel: lenelModule, forensic: forensicModule, hr: hrModule, rehive: rehiveModule } as const satisfies Record<UpstreamName, { name: UpstreamName }>;

type Modules = typeof UPSTREAM_MODULES;

/** The process-wide part of each upstream. */
export type Upstreams = { [K in UpstreamName]: ReturnType<Modules[K]['create']> };

/** The request-level data source of each upstream. */
export type DataSources = { [K in UpstreamName]: ReturnType<Upstreams[K]['dataSource']> };

export type AnyUpstream = Upstream<DataSources[UpstreamName]>;
