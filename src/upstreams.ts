/** The four upstreams by their lower-case names (config keys, log fields); clients see the `Upstream` enum's spelling. */
export const UPSTREAMS = ['lenel', 'forensic', 'hr', 'rehive'] as const;
export type UpstreamName = (typeof UPSTREAMS)[number];

/** GraphQL `Upstream` enum value ⇄ upstream name */
export const toUpstreamName = (value: 'LENEL' | 'FORENSIC' | 'HR' | 'REHIVE'): UpstreamName => value.toLowerCase() as UpstreamName;
export const toUpstreamEnum = (name: UpstreamName): 'LENEL' | 'FORENSIC' | 'HR' | 'REHIVE' =>
  name.toUpperCase() as 'LENEL' | 'FORENSIC' | 'HR' | 'REHIVE';
