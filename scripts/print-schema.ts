// Writes schema.graphql: the executable schema as clients see it (printSchema, descriptions
// included), for client codegen (graphql-codegen, relay-compiler, Apollo iOS/Kotlin).
import { writeFileSync } from 'node:fs';
import { printGatewaySchema } from '../src/server.js';

writeFileSync('schema.graphql', printGatewaySchema());
