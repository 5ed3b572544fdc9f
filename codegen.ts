import type { CodegenConfig } from '@graphql-codegen/cli';

// Mappers point each GraphQL type at the record its datasource returns, so a resolver's parent is
// exactly what came from the upstream (or from the session, for the session types).
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useIndexSignature: false,
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../context.js#GatehouseContext',
        scalars: { DateTime: 'string', Date: 'string', JSONObject: 'Record<string, unknown>' },
        mapperTypeSuffix: 'Model',
        mappers: {
          Viewer: '../auth/session.js#ViewerSource',
          LinkedAccount: '../auth/session.js#LinkedAccountView',
          HrUser: '../datasources/hr/records.js#HrUserRecord',
          LeaveRequest: '../datasources/hr/records.js#HrLeaveRequestRecord',
          Badge: '../datasources/lenel/records.js#LenelBadgeRecord',
          Employee: '../datasources/lenel/records.js#LenelEmployeeRecord',
          Company: '../datasources/core/records.js#CompanyRecord',
          ForensicUser: '../datasources/forensic/records.js#ForensicUserRecord',
          CompanyConnection: '../resolvers/forensic/page.js#ForensicCompanyPage',
          ForensicUserConnection: '../resolvers/forensic/page.js#ForensicUserPage',
          RehiveUser: '../datasources/rehive/records.js#RehiveUserRecord',
          MfaAuthenticator: '../datasources/rehive/records.js#RehiveAuthenticatorRecord',
          AuthToken: '../datasources/core/records.js#AuthTokenRecord',
        },
      },
    },
  },
};

export default config;
