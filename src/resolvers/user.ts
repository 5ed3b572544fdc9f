/**
 * "First Last" from the name parts an upstream has, or "" when it has none (callers fall back to
 * the e-mail). No field returns the `User` interface itself, so it needs no type resolver: each
 * implementing type is reached through its own field (`viewer.hr`, `forensicUser`, …) or through
 * `node`, whose `Node` type resolver says which (resolvers/node.ts).
 */
export function fullName(...parts: Array<string | null | undefined>): string {
  return parts.filter((part) => part && part.trim() !== '').join(' ');
}
