/**
 * The global id clients see for an upstream object: base64url of `Type:id`, or `Type:upstream:id`
 * for the types two upstreams share. Written out here (not imported) so that tests pin the format.
 */
export function globalId(type: string, id: string | number, upstream?: 'forensic' | 'rehive'): string {
  return Buffer.from(upstream ? `${type}:${upstream}:${id}` : `${type}:${id}`).toString('base64url');
}

/** The upstream's own id inside a global id (what the emulators know the object by). */
export function rawId(id: string): string {
  const [type, ...rest] = Buffer.from(id, 'base64url').toString('utf8').split(':');
  return (type === 'Company' || type === 'AuthToken' ? rest.slice(1) : rest).join(':');
}
