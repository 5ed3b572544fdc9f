import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/server.js';
import { variableFieldErrors } from '../../src/validation/variables.js';

const schema = buildSchema();
const errorsOf = (source: string, values: Record<string, unknown>, suggestions = true) => {
  const document = parse(source);
  return variableFieldErrors(schema, document, document.definitions[0] as OperationDefinitionNode, values, suggestions);
};
const REGISTER = `mutation R($input: RegisterInput!) { register(input: $input) { token } }`;

describe('variable coercion errors keyed by input field', () => {
  it('has nothing to say about valid variables, defaults included', () => {
    expect(errorsOf(`query Q($first: Int = 5, $status: LeaveStatus) { leaveRequests(first: $first, status: $status) { totalCount } }`, { status: 'PENDING' })).toEqual({});
  });

  it('names a list input by its field, without the position', () => {
    expect(errorsOf(REGISTER, { input: { company: 'acme', password: 'x', groups: ['a', null], legalTermVersions: [1, 'two'] } })).toEqual({
      groups: ['Expected non-nullable type "String!" not to be null.'],
      legalTermVersions: ['Int cannot represent non-integer value: "two"'],
    });
  });

  it('keys an unknown field whose name is not a GraphQL name by the object that holds it', () => {
    expect(errorsOf(REGISTER, { input: { company: 'acme', password: 'x', 'first name': 'Ana' } })).toEqual({
      input: ['Field "first name" is not defined by type "RegisterInput". Did you mean "firstName", "lastName", "birthDate", or "username"?'],
    });
  });

  it('leaves the hint out when suggestions are off', () => {
    expect(errorsOf(REGISTER, { input: { company: 'acme', password: 'x', gender: 'FEMAL' } }, false)).toEqual({
      gender: ['Value "FEMAL" does not exist in "RehiveGender" enum.'],
    });
  });
});
