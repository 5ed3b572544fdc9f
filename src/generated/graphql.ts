import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ViewerSource as ViewerSourceModel, LinkedAccountView as LinkedAccountViewModel } from '../auth/session.js';
import type { HrUserRecord as HrUserRecordModel, HrLeaveRequestRecord as HrLeaveRequestRecordModel } from '../datasources/hr/records.js';
import type { LenelBadgeRecord as LenelBadgeRecordModel, LenelEmployeeRecord as LenelEmployeeRecordModel } from '../datasources/lenel/records.js';
import type { CompanyRecord as CompanyRecordModel, AuthTokenRecord as AuthTokenRecordModel } from '../datasources/core/records.js';
import type { ForensicUserRecord as ForensicUserRecordModel } from '../datasources/forensic/records.js';
import type { ForensicCompanyPage as ForensicCompanyPageModel, ForensicUserPage as ForensicUserPageModel } from '../resolvers/forensic/page.js';
import type { RehiveUserRecord as RehiveUserRecordModel, RehiveAuthenticatorRecord as RehiveAuthenticatorRecordModel } from '../datasources/rehive/records.js';
import type { GatehouseContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, `YYYY-MM-DD` (an RFC 3339 full-date). */
  Date: { input: string; output: string; }
  /** An instant in time, ISO 8601 in UTC, e.g. `2019-12-02T10:00:00.000Z` (an RFC 3339 date-time). Inputs may carry any offset. */
  DateTime: { input: string; output: string; }
  /** A JSON object (any keys and JSON values), as the upstream keeps it. */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

/** Which analyses a user may start. */
export type AnalysisPermissions = {
  __typename?: 'AnalysisPermissions';
  /** Biometry analyses. */
  biometry: Scalars['Boolean']['output'];
  /** Collection analyses. */
  collection: Scalars['Boolean']['output'];
  /** Document analyses. */
  documents: Scalars['Boolean']['output'];
  /** Quality analyses. */
  quality: Scalars['Boolean']['output'];
};

/** Which analyses a new user may start (all default to false). */
export type AnalysisPermissionsInput = {
  /** Biometry analyses. */
  biometry?: InputMaybe<Scalars['Boolean']['input']>;
  /** Collection analyses. */
  collection?: InputMaybe<Scalars['Boolean']['input']>;
  /** Document analyses. */
  documents?: InputMaybe<Scalars['Boolean']['input']>;
  /** Quality analyses. */
  quality?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A credential handed out by an upstream. */
export type AuthToken = Node & {
  __typename?: 'AuthToken';
  /** When the token was created. Forensic service tokens: Oz does not say, so this is the gateway's clock when Oz handed the token over (within the request that issued it). */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the token expires, or null if it never does. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The token's global id (it names the upstream; inside: Rehive's token key, the first 8 characters of the token, or forensic's token id). */
  id: Scalars['ID']['output'];
  /** A label, when the upstream keeps one. */
  label?: Maybe<Scalars['String']['output']>;
  /** The token itself: set only in the response of the mutation that created it, never again. */
  secret?: Maybe<Scalars['String']['output']>;
  /** Forensic: the Oz session the service token belongs to (Oz's `session_id`). Null for Rehive tokens. */
  sessionId?: Maybe<Scalars['ID']['output']>;
  /** The upstream that issued it. */
  upstream: Upstream;
  /** The upstream's own id of the user the token belongs to (as `LinkedAccount.userId`). */
  userId?: Maybe<Scalars['ID']['output']>;
};

/** Which Rehive tokens to list; Rehive applies it, and a token must match every field given. Rehive compares creation times to the millisecond. */
export type AuthTokenFilter = {
  /** Only tokens created after this instant. */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only the token created at exactly this instant. */
  createdAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only tokens created at or after this instant. */
  createdAtOrAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only tokens created at or before this instant. */
  createdAtOrBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only tokens created before this instant. */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Leave out the token with this id (token key), e.g. the one this session uses (`RehiveUser.token`). */
  excludeId?: InputMaybe<Scalars['ID']['input']>;
  /** true: only tokens that expire; false: only tokens that never expire. */
  expires?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only the tokens with these ids (token keys; at most 100). An empty list matches no token. */
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** An access badge (a lenel badge record). */
export type Badge = Node & {
  __typename?: 'Badge';
  /** When the badge was last activated. */
  activatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The printed/encoded badge number. */
  badgeNumber: Scalars['String']['output'];
  /** When the badge was last deactivated. */
  deactivatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The cardholder the badge is assigned to, or null for an unassigned badge. */
  employee?: Maybe<Employee>;
  /** The badge's global id (`updateBadgeStatus` takes it). */
  id: Scalars['ID']['output'];
  /** When the badge record last changed. */
  lastChangedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The badge status; OTHER for a site-specific status (see statusCode and statusName). */
  status: BadgeStatus;
  /** The site's numeric status code. */
  statusCode: Scalars['Int']['output'];
  /** The site's name for the status. */
  statusName: Scalars['String']['output'];
  /** The badge type name (Permanent, Temporary, Visitor). */
  type?: Maybe<Scalars['String']['output']>;
};

/** A page of badges, in lenel id order. */
export type BadgeConnection = {
  __typename?: 'BadgeConnection';
  /** The badges on this page. */
  edges: Array<BadgeEdge>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** How many badges match in all. */
  totalCount: Scalars['Int']['output'];
};

/** A badge and its cursor. */
export type BadgeEdge = {
  __typename?: 'BadgeEdge';
  /** Opaque cursor of this edge: the badge's place in the list, still usable after the badge has left it. */
  cursor: Scalars['String']['output'];
  /** The badge. */
  node: Badge;
};

/** Badge filters (applied by the gateway). */
export type BadgeFilter = {
  /** Only the badge with this number. */
  badgeNumber?: InputMaybe<Scalars['String']['input']>;
  /** Only badges of this cardholder: its global id (or its lenel id). */
  employeeId?: InputMaybe<Scalars['ID']['input']>;
  /** Only badges in this status. */
  status?: InputMaybe<BadgeStatus>;
};

/** Badge statuses. */
export type BadgeStatus =
  /** Active (code 1). */
  | 'ACTIVE'
  /** Destroyed (code 5). */
  | 'DESTROYED'
  /** Inactive (code 4). */
  | 'INACTIVE'
  /** Lost (code 2). */
  | 'LOST'
  /** A site-specific status: see statusCode and statusName. */
  | 'OTHER'
  /** Returned (code 3). */
  | 'RETURNED';

/** The two statuses the API may set. */
export type BadgeStatusChange =
  /** Activate the badge (code 1). */
  | 'ACTIVE'
  /** Deactivate the badge (code 4). */
  | 'INACTIVE';

/** A password change for the signed-in account. */
export type ChangePasswordInput = {
  /** REHIVE only: which of the user's other Rehive sessions and tokens end with the change; the session that changes the password keeps working. Omitted: TEMPORARY (Rehive's default: every other token with an expiry). Refused for HR (BAD_USER_INPUT): HR tokens issued before the change keep working until they expire. */
  clearSessions?: InputMaybe<ClearSessions>;
  /** The current password. */
  currentPassword: Scalars['String']['input'];
  /** The new password, sent once. */
  newPassword: Scalars['String']['input'];
  /** HR or REHIVE: the linked account whose password changes. */
  upstream: Upstream;
};

/** Which of the user's other Rehive sessions and tokens end as well (Rehive's `clear_session_option`). Rehive only. */
export type ClearSessions =
  /** Every other login session and every API token of the user, the permanent ones (made without a duration) included. */
  | 'ALL'
  /** No other session or token. */
  | 'NONE'
  /** Every other token of the user that has an expiry: login sessions (other devices, other Gatehouse sessions) and API tokens made with a duration. Permanent API tokens survive. */
  | 'TEMPORARY';

/** A company: a forensic (Oz) company, or a Rehive user's company. */
export type Company = Node & {
  __typename?: 'Company';
  /** The company's global id (it names the upstream too: forensic and Rehive companies are apart). */
  id: Scalars['ID']['output'];
  /** Whether the company is being deleted. */
  inDeletion?: Maybe<Scalars['Boolean']['output']>;
  /** Company name. Rehive: read from Rehive's company endpoint (`GET /3/company/`) only when asked for, once per request; null when Rehive refuses to show it. */
  name?: Maybe<Scalars['String']['output']>;
  /** Forensic: the company's technical metadata as Oz keeps it (`{}` when none was given). Null for Rehive companies. */
  technicalMetaData?: Maybe<Scalars['JSONObject']['output']>;
  /** The upstream the company belongs to. */
  upstream: Upstream;
};

/** A page of companies, in Oz's order. Oz pages by offset: a cursor holds its company's offset and id, and the next page starts right after that company wherever it has moved, when companies before it were added or removed (up to 20 positions either way); when the company itself has gone, the next page starts at its old offset. A larger shift may repeat or skip companies. */
export type CompanyConnection = {
  __typename?: 'CompanyConnection';
  /** The companies on this page. */
  edges: Array<CompanyEdge>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** How many companies match in all (a read of the whole list, made only when selected). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** A company and its cursor. */
export type CompanyEdge = {
  __typename?: 'CompanyEdge';
  /** Opaque cursor of this edge (the company's offset and id). */
  cursor: Scalars['String']['output'];
  /** The company. */
  node: Company;
};

/** A new Rehive company. */
export type CreateCompanyInput = {
  /** The new company's id. */
  id: Scalars['String']['input'];
  /** The new company's name. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** A new forensic user. */
export type CreateForensicUserInput = {
  /** Which analyses the user may start. */
  analysisPermissions?: InputMaybe<AnalysisPermissionsInput>;
  /** The company: its global id (or its forensic UUID). */
  companyId: Scalars['ID']['input'];
  /** E-mail, the login. */
  email: Scalars['String']['input'];
  /** First name. */
  firstName: Scalars['String']['input'];
  /** Last name. */
  lastName: Scalars['String']['input'];
  /** Middle name. */
  middleName?: InputMaybe<Scalars['String']['input']>;
  /** Password (write-only). */
  password: Scalars['String']['input'];
  /** Role. */
  role: ForensicRole;
};

/** A cardholder (a lenel employee record). */
export type Employee = Node & {
  __typename?: 'Employee';
  /** The cardholder's badges. */
  badges?: Maybe<Array<Badge>>;
  /** Department. */
  department?: Maybe<Scalars['String']['output']>;
  /** E-mail address, or null. */
  email?: Maybe<Scalars['String']['output']>;
  /** The employee number. */
  employeeNumber?: Maybe<Scalars['String']['output']>;
  /** First name. */
  firstName: Scalars['String']['output'];
  /** First, middle and last name joined. */
  fullName: Scalars['String']['output'];
  /** The cardholder's global id. */
  id: Scalars['ID']['output'];
  /** Last name. */
  lastName: Scalars['String']['output'];
  /** Middle name, or null. */
  middleName?: Maybe<Scalars['String']['output']>;
  /** Phone number. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Job title. */
  title?: Maybe<Scalars['String']['output']>;
};


/** A cardholder (a lenel employee record). */
export type EmployeeBadgesArgs = {
  status?: InputMaybe<BadgeStatus>;
};

/** A page of cardholders, in lenel id order. */
export type EmployeeConnection = {
  __typename?: 'EmployeeConnection';
  /** The cardholders on this page. */
  edges: Array<EmployeeEdge>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** How many cardholders match in all. */
  totalCount: Scalars['Int']['output'];
};

/** A cardholder and its cursor. */
export type EmployeeEdge = {
  __typename?: 'EmployeeEdge';
  /** Opaque cursor of this edge: the cardholder's place in the list, still usable after the cardholder has left it. */
  cursor: Scalars['String']['output'];
  /** The cardholder. */
  node: Employee;
};

/** Cardholder filters (applied by the gateway). */
export type EmployeeFilter = {
  /** Only cardholders of this department (case-insensitive). */
  department?: InputMaybe<Scalars['String']['input']>;
  /** Only the cardholder with this e-mail (case-insensitive). */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Case-insensitive match on name, e-mail or employee number. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** Forensic roles (API 5's CLIENT + is_admin / is_service are translated). */
export type ForensicRole =
  /** Platform administrator. */
  | 'ADMIN'
  /** Company user. */
  | 'CLIENT'
  /** Company administrator. */
  | 'CLIENT_ADMIN'
  /** Company operator. */
  | 'CLIENT_OPERATOR'
  /** Company service account (long-lived service tokens). */
  | 'CLIENT_SERVICE'
  /** Platform operator. */
  | 'OPERATOR';

/** A forensic (Oz) platform user. */
export type ForensicUser = Node & User & {
  __typename?: 'ForensicUser';
  /** Whether the user is active. */
  active: Scalars['Boolean']['output'];
  /** Which analyses the user may start. */
  analysisPermissions: AnalysisPermissions;
  /** The user's company, or null. */
  company?: Maybe<Company>;
  /** E-mail address. */
  email?: Maybe<Scalars['String']['output']>;
  /** The lenel cardholder with the same e-mail (case-insensitive), or null. */
  employee?: Maybe<Employee>;
  /** First name. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** First and last name joined. */
  fullName: Scalars['String']['output'];
  /** The user's global id. */
  id: Scalars['ID']['output'];
  /** Last name. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** Middle name, as Oz holds it: an empty string when the user has none (Oz's own default), null only when Oz sends none. */
  middleName?: Maybe<Scalars['String']['output']>;
  /** The user's role, the same for API 5 and 6. */
  role: ForensicRole;
  /** Always FORENSIC. */
  upstream: Upstream;
};

/** A page of forensic users, in Oz's order. Oz pages by offset: a cursor holds its user's offset and id, and the next page starts right after that user wherever it has moved, when users before it were added or removed (up to 20 positions either way); when the user itself has gone, the next page starts at its old offset. A larger shift may repeat or skip users. */
export type ForensicUserConnection = {
  __typename?: 'ForensicUserConnection';
  /** The users on this page. */
  edges: Array<ForensicUserEdge>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** How many users match in all (a read of the whole list, made only when selected). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** A forensic user and its cursor. */
export type ForensicUserEdge = {
  __typename?: 'ForensicUserEdge';
  /** Opaque cursor of this edge (the user's offset and id). */
  cursor: Scalars['String']['output'];
  /** The user. */
  node: ForensicUser;
};

/** Gender as the HR app records it. */
export type Gender =
  /** Female. */
  | 'FEMALE'
  /** Male. */
  | 'MALE'
  /** Not given. */
  | 'NOT_SPECIFIED'
  /** Other. */
  | 'OTHER';

/** A person's HR profile. */
export type HrUser = Node & User & {
  __typename?: 'HrUser';
  /** Date of birth, or null. */
  birthDate?: Maybe<Scalars['Date']['output']>;
  /** E-mail address (read-only). */
  email?: Maybe<Scalars['String']['output']>;
  /** The lenel cardholder with the same e-mail (case-insensitive), or null. */
  employee?: Maybe<Employee>;
  /** First name. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** First and last name joined. */
  fullName: Scalars['String']['output'];
  /** Gender, or null when not set. */
  gender?: Maybe<Gender>;
  /** The person's global id. */
  id: Scalars['ID']['output'];
  /** Last name. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** The person's leave requests, newest start first. */
  leaveRequests?: Maybe<LeaveRequestConnection>;
  /** The name the person prefers to be called, or null. */
  preferredName?: Maybe<Scalars['String']['output']>;
  /** Always HR. */
  upstream: Upstream;
};


/** A person's HR profile. */
export type HrUserLeaveRequestsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<LeaveStatus>;
};

/** A request for time off. */
export type LeaveRequest = Node & {
  __typename?: 'LeaveRequest';
  /** When the request was made. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Free text from the requester. */
  description: Scalars['String']['output'];
  /** When the leave ends. */
  end: Scalars['DateTime']['output'];
  /** The leave request's global id. */
  id: Scalars['ID']['output'];
  /** The HR user who made the request (the caller: requests are visible only to their owner). */
  owner?: Maybe<HrUser>;
  /** When the leave starts. */
  start: Scalars['DateTime']['output'];
  /** Where the request stands. */
  status: LeaveStatus;
  /** The kind of leave. */
  type: LeaveType;
};

/** A page of leave requests, newest start first (ties: the newest request first). */
export type LeaveRequestConnection = {
  __typename?: 'LeaveRequestConnection';
  /** The requests on this page. */
  edges: Array<LeaveRequestEdge>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** How many requests match in all. */
  totalCount: Scalars['Int']['output'];
};

/** A leave request and its cursor. */
export type LeaveRequestEdge = {
  __typename?: 'LeaveRequestEdge';
  /** Opaque cursor of this edge: the request's place in the list (its start and id), still usable after the request has changed or left the list. */
  cursor: Scalars['String']['output'];
  /** The leave request. */
  node: LeaveRequest;
};

/** A leave request as created or replaced (a full update). */
export type LeaveRequestInput = {
  /** Free text (at most 1,000 characters). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** When the leave ends (after start). */
  end: Scalars['DateTime']['input'];
  /** When the leave starts. */
  start: Scalars['DateTime']['input'];
  /** The kind of leave. */
  type: LeaveType;
};

/** Where a leave request stands. */
export type LeaveStatus =
  /** Approved by a manager. */
  | 'APPROVED'
  /** Withdrawn by the requester. */
  | 'CANCELLED'
  /** Waiting for a manager. */
  | 'PENDING'
  /** Rejected by a manager. */
  | 'REJECTED';

/** Kinds of leave. */
export type LeaveType =
  /** Personal matters. */
  | 'PERSONAL'
  /** Illness. */
  | 'SICK_LEAVE'
  /** Unpaid leave. */
  | 'UNPAID'
  /** Holiday. */
  | 'VACATION';

/** An upstream account linked into the session. */
export type LinkedAccount = {
  __typename?: 'LinkedAccount';
  /** When the account stops working unless its owner signs in to the upstream again, as last known; null when unknown or never. REHIVE: the expiry of the session's Rehive token. HR and LENEL: when the refresh token expires (until then the gateway renews the short-lived access token by itself). FORENSIC: the expiry Oz announced for its sliding session at sign-in or at the gateway's last refresh; every use moves it later, so the session usually outlives it. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the account was linked. */
  linkedAt: Scalars['DateTime']['output'];
  /** The login used to sign in (username, e-mail or mobile). */
  login: Scalars['String']['output'];
  /** Whether the account still has to complete an MFA challenge (Rehive). */
  mfaPending: Scalars['Boolean']['output'];
  /** The upstream roles of the account, when the upstream reports them. */
  roles: Array<Scalars['String']['output']>;
  /** The upstream this account belongs to. */
  upstream: Upstream;
  /** The upstream's id for the user, when known. */
  userId?: Maybe<Scalars['ID']['output']>;
};

/** Marital statuses Rehive accepts. */
export type MaritalStatus =
  /** Divorced. */
  | 'DIVORCED'
  /** Married. */
  | 'MARRIED'
  /** Single. */
  | 'SINGLE'
  /** Widowed. */
  | 'WIDOWED';

/** A Rehive multi-factor authenticator. */
export type MfaAuthenticator = Node & {
  __typename?: 'MfaAuthenticator';
  /** The one-time backup codes of a STATIC authenticator: only in the response of `createMfaAuthenticator`. */
  backupCodes?: Maybe<Array<Scalars['String']['output']>>;
  /** When it was created. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** The authenticator's global id. */
  id: Scalars['ID']['output'];
  /** The mobile number of an SMS authenticator. */
  mobile?: Maybe<Scalars['String']['output']>;
  /** Its name. */
  name?: Maybe<Scalars['String']['output']>;
  /** The otpauth:// URL of a TOTP authenticator: only in the response of `createMfaAuthenticator`. */
  otpauthUrl?: Maybe<Scalars['String']['output']>;
  /** The base32 secret of a TOTP authenticator: only in the response of `createMfaAuthenticator`. */
  secret?: Maybe<Scalars['String']['output']>;
  /** The kind of authenticator. */
  type: MfaAuthenticatorType;
  /** When it last changed. */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Whether it has been verified with a code. */
  verified: Scalars['Boolean']['output'];
};

/** Kinds of Rehive authenticator. */
export type MfaAuthenticatorType =
  /** Codes sent by SMS. */
  | 'SMS'
  /** A list of one-time backup codes. */
  | 'STATIC'
  /** Time-based one-time passwords (an authenticator app). */
  | 'TOTP';

/** A pending multi-factor challenge. */
export type MfaChallenge = {
  __typename?: 'MfaChallenge';
  /** The kinds of authenticator that can answer it. */
  authenticatorTypes: Array<MfaAuthenticatorType>;
  /** When the challenge expires. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The challenge id to pass to `completeMfaChallenge`. */
  id: Scalars['ID']['output'];
};

/** Write operations. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Withdraws a leave request (its status becomes CANCELLED). Needs a linked hr account. */
  cancelLeaveRequest: LeaveRequest;
  /** Changes the password of the linked account. */
  changePassword: Scalars['Boolean']['output'];
  /** Solves the pending Rehive login challenge with a code from an authenticator. Rate limited. */
  completeMfaChallenge: LinkedAccount;
  /** Deactivates the account with the e-mailed key. Public and rate limited. */
  confirmAccountDeactivation: Scalars['Boolean']['output'];
  /** Requests deletion of the account with the e-mailed key. Public and rate limited. */
  confirmAccountDeletion: Scalars['Boolean']['output'];
  /** Creates a Rehive API token; its secret is shown only in this response. */
  createAuthToken: AuthToken;
  /** Creates a forensic company. Needs a linked forensic ADMIN account. */
  createCompany: Company;
  /** Creates a forensic user. Needs a linked forensic ADMIN (any company) or CLIENT_ADMIN (own company) account. */
  createForensicUser: ForensicUser;
  /** Creates a pending leave request. Needs a linked hr account. */
  createLeaveRequest: LeaveRequest;
  /** Creates an unverified authenticator; its secret, otpauthUrl and backup codes are shown only in this response. */
  createMfaAuthenticator: MfaAuthenticator;
  /** Deletes every Rehive token of the user, including the session's own: the Rehive account is unlinked. */
  deleteAllAuthTokens: Scalars['Boolean']['output'];
  /** Deletes one Rehive API token and returns its global id. */
  deleteAuthToken: Scalars['ID']['output'];
  /** Deletes a leave request and returns its global id. Needs a linked hr account. */
  deleteLeaveRequest: Scalars['ID']['output'];
  /** Deletes an authenticator and returns its global id. */
  deleteMfaAuthenticator: Scalars['ID']['output'];
  /** Sends an SMS code for a challenge or an SMS authenticator. */
  deliverMfaCode: Scalars['Boolean']['output'];
  /** Issues a long-lived service token for a CLIENT_SERVICE user; the secret is shown once. */
  issueServiceToken: AuthToken;
  /** Registers a Rehive user and signs the caller in. Public and rate limited. */
  register: SignInPayload;
  /** Registers a Rehive company with its admin user and signs the caller in. Public and rate limited. */
  registerCompany: SignInPayload;
  /** Asks Rehive to e-mail an account-deactivation key. Public and rate limited. */
  requestAccountDeactivation: Scalars['Boolean']['output'];
  /** Asks Rehive to e-mail an account-deletion key. Public and rate limited. */
  requestAccountDeletion: Scalars['Boolean']['output'];
  /** Asks the upstream to e-mail a password-reset token. Always true, whether or not the login exists. Public and rate limited. */
  requestPasswordReset: Scalars['Boolean']['output'];
  /** Sends the e-mail verification again. Public and rate limited. */
  resendEmailVerification: Scalars['Boolean']['output'];
  /** Sends the mobile verification OTP again. Public and rate limited. */
  resendMobileVerification: Scalars['Boolean']['output'];
  /** Sets a new password with a reset token. Public and rate limited. */
  resetPassword: Scalars['Boolean']['output'];
  /** Signs in to one upstream. Without a session it creates one; with a valid session it links the account into it and rotates the session token. Public and rate limited. */
  signIn: SignInPayload;
  /** Signs out of one upstream (its tokens are deleted; REHIVE also calls Rehive's logout), or with no upstream ends the whole session. */
  signOut: Scalars['Boolean']['output'];
  /** Activates or deactivates a badge. Needs a linked lenel account with the operator role. */
  updateBadgeStatus: Badge;
  /** Replaces the caller's HR profile fields (the HR backend's full update, sent with the profile's id and current e-mail: the e-mail cannot be changed through Gatehouse). Needs a linked hr account. */
  updateHrProfile: HrUser;
  /** Replaces a pending leave request's fields. Needs a linked hr account. */
  updateLeaveRequest: LeaveRequest;
  /** Verifies an e-mail address with the key Rehive e-mailed. Public and rate limited. */
  verifyEmail: Scalars['Boolean']['output'];
  /** Verifies a new authenticator with a code from it. Rate limited. */
  verifyMfaAuthenticator: MfaAuthenticator;
  /** Rehive's MFA verification as its document describes it: a code with a login challenge (what `completeMfaChallenge` does), with an authenticator (what `verifyMfaAuthenticator` does), with both, or alone; sent as given. Rehive takes exactly one of the two: both is BAD_USER_INPUT "Provide either a challenge or an authenticator, not both.", neither is BAD_USER_INPUT "A challenge or an authenticator is required." (`fieldErrors` on challengeId and authenticatorId). A solved challenge clears the session's pending MFA, as `completeMfaChallenge` does. Rate limited with the same counts as those two mutations: every form counts as a guess. */
  verifyMfaCode: Scalars['Boolean']['output'];
  /** Verifies the mobile number with the OTP Rehive sent by SMS. Needs a linked rehive account; rate limited. */
  verifyMobile: Scalars['Boolean']['output'];
};


/** Write operations. */
export type MutationCancelLeaveRequestArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. */
export type MutationChangePasswordArgs = {
  input: ChangePasswordInput;
};


/** Write operations. */
export type MutationCompleteMfaChallengeArgs = {
  challengeId: Scalars['ID']['input'];
  code: Scalars['String']['input'];
};


/** Write operations. */
export type MutationConfirmAccountDeactivationArgs = {
  key: Scalars['String']['input'];
};


/** Write operations. */
export type MutationConfirmAccountDeletionArgs = {
  key: Scalars['String']['input'];
};


/** Write operations. */
export type MutationCreateAuthTokenArgs = {
  durationSeconds?: InputMaybe<Scalars['Int']['input']>;
  password: Scalars['String']['input'];
};


/** Write operations. */
export type MutationCreateCompanyArgs = {
  name: Scalars['String']['input'];
  technicalMetaData?: InputMaybe<Scalars['JSONObject']['input']>;
};


/** Write operations. */
export type MutationCreateForensicUserArgs = {
  input: CreateForensicUserInput;
};


/** Write operations. */
export type MutationCreateLeaveRequestArgs = {
  input: LeaveRequestInput;
};


/** Write operations. */
export type MutationCreateMfaAuthenticatorArgs = {
  type: MfaAuthenticatorType;
};


/** Write operations. */
export type MutationDeleteAuthTokenArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. */
export type MutationDeleteLeaveRequestArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. */
export type MutationDeleteMfaAuthenticatorArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. */
export type MutationDeliverMfaCodeArgs = {
  authenticatorId?: InputMaybe<Scalars['ID']['input']>;
  challengeId?: InputMaybe<Scalars['ID']['input']>;
};


/** Write operations. */
export type MutationIssueServiceTokenArgs = {
  userId: Scalars['ID']['input'];
};


/** Write operations. */
export type MutationRegisterArgs = {
  input: RegisterInput;
};


/** Write operations. */
export type MutationRegisterCompanyArgs = {
  input: RegisterCompanyInput;
};


/** Write operations. */
export type MutationRequestAccountDeactivationArgs = {
  company: Scalars['String']['input'];
  user: Scalars['String']['input'];
};


/** Write operations. */
export type MutationRequestAccountDeletionArgs = {
  company: Scalars['String']['input'];
  user: Scalars['String']['input'];
};


/** Write operations. */
export type MutationRequestPasswordResetArgs = {
  company?: InputMaybe<Scalars['String']['input']>;
  force?: InputMaybe<Scalars['Boolean']['input']>;
  login: Scalars['String']['input'];
  upstream: Upstream;
};


/** Write operations. */
export type MutationResendEmailVerificationArgs = {
  company: Scalars['String']['input'];
  email: Scalars['String']['input'];
};


/** Write operations. */
export type MutationResendMobileVerificationArgs = {
  company: Scalars['String']['input'];
  mobile: Scalars['String']['input'];
};


/** Write operations. */
export type MutationResetPasswordArgs = {
  input: ResetPasswordInput;
};


/** Write operations. */
export type MutationSignInArgs = {
  input: SignInInput;
};


/** Write operations. */
export type MutationSignOutArgs = {
  clearSessions?: InputMaybe<ClearSessions>;
  upstream?: InputMaybe<Upstream>;
};


/** Write operations. */
export type MutationUpdateBadgeStatusArgs = {
  badgeId: Scalars['ID']['input'];
  status: BadgeStatusChange;
};


/** Write operations. */
export type MutationUpdateHrProfileArgs = {
  input: UpdateHrProfileInput;
};


/** Write operations. */
export type MutationUpdateLeaveRequestArgs = {
  id: Scalars['ID']['input'];
  input: LeaveRequestInput;
};


/** Write operations. */
export type MutationVerifyEmailArgs = {
  key: Scalars['String']['input'];
};


/** Write operations. */
export type MutationVerifyMfaAuthenticatorArgs = {
  code: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};


/** Write operations. */
export type MutationVerifyMfaCodeArgs = {
  authenticatorId?: InputMaybe<Scalars['ID']['input']>;
  challengeId?: InputMaybe<Scalars['ID']['input']>;
  code: Scalars['String']['input'];
};


/** Write operations. */
export type MutationVerifyMobileArgs = {
  otp: Scalars['String']['input'];
};

/** An object with a globally unique id (Relay object identification): `node(id)` refetches it. */
export type Node = {
  /** The object's globally unique, opaque id. Every argument that takes this object's id accepts it. */
  id: Scalars['ID']['output'];
};

/** Relay page information. Lists page forward (`first`/`after`); cursors are opaque and stable: a cursor stays usable when its item leaves the list, and the next page starts after its position. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last edge, or null on an empty page; pass it as `after` to get the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether items come before this page: true when `after` was given and the list now has items before that position, false on a first page. Lists page forward only; the Relay Cursor Connections spec lets forward paging answer this way. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the first edge, or null on an empty page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type Query = {
  __typename?: 'Query';
  /** One of the caller's Rehive tokens by its key, or null. Needs a linked rehive account. */
  authToken?: Maybe<AuthToken>;
  /** The caller's Rehive API tokens (no secrets). Needs a linked rehive account. */
  authTokens?: Maybe<Array<AuthToken>>;
  /** One badge, or null when it does not exist. Needs a linked lenel account. */
  badge?: Maybe<Badge>;
  /** Badges visible to the caller's lenel account. Needs a linked lenel account. */
  badges?: Maybe<BadgeConnection>;
  /** Forensic companies. Needs a linked forensic account. */
  companies?: Maybe<CompanyConnection>;
  /** One forensic company, or null. Needs a linked forensic account. */
  company?: Maybe<Company>;
  /** One cardholder, or null when it does not exist. Needs a linked lenel account. */
  employee?: Maybe<Employee>;
  /** Cardholders visible to the caller's lenel account. Needs a linked lenel account. */
  employees?: Maybe<EmployeeConnection>;
  /** One forensic user, or null. Needs a linked forensic account. */
  forensicUser?: Maybe<ForensicUser>;
  /** Forensic users. Needs a linked forensic account. */
  forensicUsers?: Maybe<ForensicUserConnection>;
  /** One of the caller's leave requests, or null when it does not exist or is not theirs. Needs a linked hr account. */
  leaveRequest?: Maybe<LeaveRequest>;
  /** The caller's leave requests, newest start first. Needs a linked hr account. */
  leaveRequests?: Maybe<LeaveRequestConnection>;
  /** One of the caller's MFA authenticators, or null. Needs a linked rehive account. */
  mfaAuthenticator?: Maybe<MfaAuthenticator>;
  /** The caller's MFA authenticators. Needs a linked rehive account. */
  mfaAuthenticators?: Maybe<Array<MfaAuthenticator>>;
  /** Any object by its global id, as its own root field would answer it (the same linked account needed), or null when it does not exist or is not visible to the caller. Needs a Gatehouse session. */
  node?: Maybe<Node>;
  /** The caller: the Gatehouse session and the profile of each linked upstream account. Public. */
  viewer: Viewer;
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryAuthTokenArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryAuthTokensArgs = {
  filter?: InputMaybe<AuthTokenFilter>;
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryBadgeArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryBadgesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<BadgeFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryCompaniesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryCompanyArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryEmployeeArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryEmployeesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EmployeeFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryForensicUserArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryForensicUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  companyId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryLeaveRequestArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryLeaveRequestsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<LeaveStatus>;
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryMfaAuthenticatorArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryMfaAuthenticatorsArgs = {
  type?: InputMaybe<MfaAuthenticatorType>;
  verified?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Read operations. A field whose upstream fails (down, forbidden, not linked) is null with its own error; the other fields still answer. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};

/** A new Rehive company and its first (admin) user. */
export type RegisterCompanyInput = {
  /** Date of birth. */
  birthDate?: InputMaybe<Scalars['Date']['input']>;
  /** The company to create. */
  company: CreateCompanyInput;
  /** E-mail address. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** First name (at most 50 characters). */
  firstName?: InputMaybe<Scalars['String']['input']>;
  /** Gender. */
  gender?: InputMaybe<RehiveGender>;
  /** National id number (at most 24 characters). */
  idNumber?: InputMaybe<Scalars['String']['input']>;
  /** Language code (at most 24 characters). */
  language?: InputMaybe<Scalars['String']['input']>;
  /** Last name (at most 50 characters). */
  lastName?: InputMaybe<Scalars['String']['input']>;
  /** Versions of the legal terms accepted. */
  legalTermVersions?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** Marital status. */
  maritalStatus?: InputMaybe<MaritalStatus>;
  /** Mobile number. */
  mobile?: InputMaybe<Scalars['String']['input']>;
  /** Nationality, an ISO 3166 alpha-2 code. */
  nationality?: InputMaybe<Scalars['String']['input']>;
  /** Password (at most 128 characters). */
  password: Scalars['String']['input'];
  /** Whether the user accepted the privacy policy. */
  privacyPolicy?: InputMaybe<Scalars['Boolean']['input']>;
  /** Country of residence, an ISO 3166 alpha-2 code. */
  residency?: InputMaybe<Scalars['String']['input']>;
  /** Not accepted: Rehive's company registration takes no session duration (the session lasts Rehive's default, 10 hours). Kept so that existing clients still validate; any value is BAD_USER_INPUT. */
  sessionDurationSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** Whether the user accepted the terms and conditions. */
  termsAndConditions?: InputMaybe<Scalars['Boolean']['input']>;
  /** Time zone name (at most 100 characters). */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** Title. */
  title?: InputMaybe<Title>;
  /** Username (at most 150 characters). */
  username?: InputMaybe<Scalars['String']['input']>;
};

/** A new Rehive user. */
export type RegisterInput = {
  /** Date of birth. */
  birthDate?: InputMaybe<Scalars['Date']['input']>;
  /** The Rehive company id to join (at most 100 characters). */
  company: Scalars['String']['input'];
  /** E-mail address. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** First name (at most 50 characters). */
  firstName?: InputMaybe<Scalars['String']['input']>;
  /** Gender. */
  gender?: InputMaybe<RehiveGender>;
  /** At most one group name. */
  groups?: InputMaybe<Array<Scalars['String']['input']>>;
  /** National id number (at most 24 characters). */
  idNumber?: InputMaybe<Scalars['String']['input']>;
  /** Language code (at most 24 characters). */
  language?: InputMaybe<Scalars['String']['input']>;
  /** Last name (at most 50 characters). */
  lastName?: InputMaybe<Scalars['String']['input']>;
  /** Versions of the legal terms accepted. */
  legalTermVersions?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** Marital status. */
  maritalStatus?: InputMaybe<MaritalStatus>;
  /** Mobile number. */
  mobile?: InputMaybe<Scalars['String']['input']>;
  /** Nationality, an ISO 3166 alpha-2 code. */
  nationality?: InputMaybe<Scalars['String']['input']>;
  /** Password (at most 128 characters). */
  password: Scalars['String']['input'];
  /** Whether the user accepted the privacy policy. */
  privacyPolicy?: InputMaybe<Scalars['Boolean']['input']>;
  /** Country of residence, an ISO 3166 alpha-2 code. */
  residency?: InputMaybe<Scalars['String']['input']>;
  /** Lifetime of the new session in seconds (0 or more). 0 or omitted: Rehive's default, 36,000 s (10 hours). A negative value is BAD_USER_INPUT. */
  sessionDurationSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** Whether the user accepted the terms and conditions. */
  termsAndConditions?: InputMaybe<Scalars['Boolean']['input']>;
  /** Time zone name (at most 100 characters). */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** Title. */
  title?: InputMaybe<Title>;
  /** Username (at most 150 characters). */
  username?: InputMaybe<Scalars['String']['input']>;
};

/** Gender values Rehive accepts. */
export type RehiveGender =
  /** Female. */
  | 'FEMALE'
  /** Male. */
  | 'MALE'
  /** Not specified. */
  | 'NOT_SPECIFIED'
  /** Other. */
  | 'OTHER';

/** A Rehive platform user. */
export type RehiveUser = Node & User & {
  __typename?: 'RehiveUser';
  /** The user's API tokens (without secrets). */
  authTokens?: Maybe<Array<AuthToken>>;
  /** Date of birth. */
  birthDate?: Maybe<Scalars['Date']['output']>;
  /** The user's Rehive company. */
  company?: Maybe<Company>;
  /** E-mail address. */
  email?: Maybe<Scalars['String']['output']>;
  /** Whether the e-mail address is verified. */
  emailVerified: Scalars['Boolean']['output'];
  /** The lenel cardholder with the same e-mail (case-insensitive), or null. */
  employee?: Maybe<Employee>;
  /** First name. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** First and last name joined, or the e-mail/username when both are empty. */
  fullName: Scalars['String']['output'];
  /** Gender, or null when not set. */
  gender?: Maybe<RehiveGender>;
  /** The names of the user's groups. */
  groups: Array<Scalars['String']['output']>;
  /** The user's global id. */
  id: Scalars['ID']['output'];
  /** National id number. */
  idNumber?: Maybe<Scalars['String']['output']>;
  /** Language code. */
  language?: Maybe<Scalars['String']['output']>;
  /** Last name. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** Marital status, or null when not set. */
  maritalStatus?: Maybe<MaritalStatus>;
  /** The user's MFA authenticators (secrets masked). */
  mfaAuthenticators?: Maybe<Array<MfaAuthenticator>>;
  /** Middle name, as Rehive holds it (an empty string when none was given). */
  middleName?: Maybe<Scalars['String']['output']>;
  /** Mobile number. */
  mobile?: Maybe<Scalars['String']['output']>;
  /** Whether the mobile number is verified. */
  mobileVerified: Scalars['Boolean']['output'];
  /** Nationality, an ISO 3166 alpha-2 code. */
  nationality?: Maybe<Scalars['String']['output']>;
  /** Country of residence, an ISO 3166 alpha-2 code. */
  residency?: Maybe<Scalars['String']['output']>;
  /** Rehive's status of the user (pending, verified, incomplete, declined, paused, obsolete). */
  status?: Maybe<Scalars['String']['output']>;
  /** Time zone name. */
  timezone?: Maybe<Scalars['String']['output']>;
  /** Title, or null when not set. */
  title?: Maybe<Title>;
  /** The Rehive token this session uses, as Rehive's `GET /3/auth/` describes it (its id, creation and expiry; never its secret), or null when Rehive does not say. */
  token?: Maybe<AuthToken>;
  /** Always REHIVE. */
  upstream: Upstream;
  /** Username. */
  username?: Maybe<Scalars['String']['output']>;
  /** Whether Rehive considers the user verified. */
  verified: Scalars['Boolean']['output'];
};


/** A Rehive platform user. */
export type RehiveUserAuthTokensArgs = {
  filter?: InputMaybe<AuthTokenFilter>;
};

/** A password reset with the token the upstream sent by e-mail. */
export type ResetPasswordInput = {
  /** REHIVE only: which of the user's Rehive sessions and tokens end with the reset. Omitted: TEMPORARY (Rehive's default: every token with an expiry). Refused for HR (BAD_USER_INPUT). */
  clearSessions?: InputMaybe<ClearSessions>;
  /** The new password, sent once (the gateway adds the confirmation field the upstream wants). */
  newPassword: Scalars['String']['input'];
  /** The reset token from the e-mail. */
  token: Scalars['String']['input'];
  /** The user id from the e-mail (Rehive only). */
  uid?: InputMaybe<Scalars['String']['input']>;
  /** HR or REHIVE. */
  upstream: Upstream;
};

/** Credentials for one upstream. */
export type SignInInput = {
  /** The Rehive company id; required for REHIVE and rejected for the others. */
  company?: InputMaybe<Scalars['String']['input']>;
  /** The lenel username, the forensic or hr e-mail, or the Rehive user (e-mail, username or mobile). */
  login: Scalars['String']['input'];
  /** The password. Never stored or logged. */
  password: Scalars['String']['input'];
  /** Requested lifetime of the Rehive session in seconds (Rehive only; 0 or more). 0 or omitted: Rehive's default, 36,000 s (10 hours). A negative value is BAD_USER_INPUT. */
  sessionDurationSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** The upstream to sign in to. */
  upstream: Upstream;
};

/** The result of signing in. */
export type SignInPayload = {
  __typename?: 'SignInPayload';
  /** The account that was linked. */
  account: LinkedAccount;
  /** When the session ends unless used again. */
  expiresAt: Scalars['DateTime']['output'];
  /** Set when the Rehive account must complete an MFA challenge before its fields work. */
  mfaChallenge?: Maybe<MfaChallenge>;
  /** The Gatehouse session token. Send it as `Authorization: Bearer <token>`; any earlier token of this session stops working. */
  token: Scalars['String']['output'];
};

/** Titles Rehive accepts. */
export type Title =
  /** Mr. */
  | 'MR'
  /** Mrs. */
  | 'MRS'
  /** Ms. */
  | 'MS'
  /** Mx. */
  | 'MX';

/** Profile fields the person may change (a full update: first and last name are required). The e-mail is not among them: it is the login and the directory identity that `User.employee` trusts, so Gatehouse sends the current one unchanged. */
export type UpdateHrProfileInput = {
  /** Date of birth; null clears it. */
  birthDate?: InputMaybe<Scalars['Date']['input']>;
  /** First name (at most 150 characters). */
  firstName: Scalars['String']['input'];
  /** Gender; null clears it. */
  gender?: InputMaybe<Gender>;
  /** Last name (at most 150 characters). */
  lastName: Scalars['String']['input'];
  /** Preferred name (at most 150 characters); null or empty clears it. */
  preferredName?: InputMaybe<Scalars['String']['input']>;
};

/** The REST backends behind Gatehouse. */
export type Upstream =
  /** The biometric-analysis platform (companies, service users, service tokens). */
  | 'FORENSIC'
  /** The HR leave app (profile, passwords, leave requests). */
  | 'HR'
  /** The badge access-control API (badges, employees, badge status updates). */
  | 'LENEL'
  /** The Rehive platform's auth API (registration, MFA, tokens, verification). */
  | 'REHIVE';

/** A person known to one upstream. */
export type User = {
  /** E-mail address. */
  email?: Maybe<Scalars['String']['output']>;
  /** The lenel cardholder with the same e-mail (case-insensitive), or null. */
  employee?: Maybe<Employee>;
  /** First name. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** First and last name joined, or the e-mail when both are empty. */
  fullName: Scalars['String']['output'];
  /** The person's globally unique id (`LinkedAccount.userId` is the upstream's own id). */
  id: Scalars['ID']['output'];
  /** Last name. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** The upstream the record comes from. */
  upstream: Upstream;
};

/** The caller as Gatehouse sees them. */
export type Viewer = {
  __typename?: 'Viewer';
  /** The upstream accounts linked into this session. */
  accounts: Array<LinkedAccount>;
  /** When the session ends unless it is used again (idle limit), capped by its absolute limit. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The forensic user returned at sign-in, or null when no forensic account is linked. */
  forensic?: Maybe<ForensicUser>;
  /** The HR profile of the linked hr account, or null when none is linked. */
  hr?: Maybe<HrUser>;
  /** The Rehive user of the linked rehive account, or null when none is linked. */
  rehive?: Maybe<RehiveUser>;
  /** Whether the request carried a valid Gatehouse session token. */
  signedIn: Scalars['Boolean']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;




/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node:
    | ( AuthTokenRecordModel )
    | ( LenelBadgeRecordModel )
    | ( CompanyRecordModel )
    | ( LenelEmployeeRecordModel )
    | ( ForensicUserRecordModel )
    | ( HrUserRecordModel )
    | ( HrLeaveRequestRecordModel )
    | ( RehiveAuthenticatorRecordModel )
    | ( RehiveUserRecordModel )
  ;
  User:
    | ( ForensicUserRecordModel )
    | ( HrUserRecordModel )
    | ( RehiveUserRecordModel )
  ;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AnalysisPermissions: ResolverTypeWrapper<AnalysisPermissions>;
  AnalysisPermissionsInput: AnalysisPermissionsInput;
  AuthToken: ResolverTypeWrapper<AuthTokenRecordModel>;
  AuthTokenFilter: AuthTokenFilter;
  Badge: ResolverTypeWrapper<LenelBadgeRecordModel>;
  BadgeConnection: ResolverTypeWrapper<Omit<BadgeConnection, 'edges'> & { edges: Array<ResolversTypes['BadgeEdge']> }>;
  BadgeEdge: ResolverTypeWrapper<Omit<BadgeEdge, 'node'> & { node: ResolversTypes['Badge'] }>;
  BadgeFilter: BadgeFilter;
  BadgeStatus: BadgeStatus;
  BadgeStatusChange: BadgeStatusChange;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ChangePasswordInput: ChangePasswordInput;
  ClearSessions: ClearSessions;
  Company: ResolverTypeWrapper<CompanyRecordModel>;
  CompanyConnection: ResolverTypeWrapper<ForensicCompanyPageModel>;
  CompanyEdge: ResolverTypeWrapper<Omit<CompanyEdge, 'node'> & { node: ResolversTypes['Company'] }>;
  CreateCompanyInput: CreateCompanyInput;
  CreateForensicUserInput: CreateForensicUserInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Employee: ResolverTypeWrapper<LenelEmployeeRecordModel>;
  EmployeeConnection: ResolverTypeWrapper<Omit<EmployeeConnection, 'edges'> & { edges: Array<ResolversTypes['EmployeeEdge']> }>;
  EmployeeEdge: ResolverTypeWrapper<Omit<EmployeeEdge, 'node'> & { node: ResolversTypes['Employee'] }>;
  EmployeeFilter: EmployeeFilter;
  ForensicRole: ForensicRole;
  ForensicUser: ResolverTypeWrapper<ForensicUserRecordModel>;
  ForensicUserConnection: ResolverTypeWrapper<ForensicUserPageModel>;
  ForensicUserEdge: ResolverTypeWrapper<Omit<ForensicUserEdge, 'node'> & { node: ResolversTypes['ForensicUser'] }>;
  Gender: Gender;
  HrUser: ResolverTypeWrapper<HrUserRecordModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  LeaveRequest: ResolverTypeWrapper<HrLeaveRequestRecordModel>;
  LeaveRequestConnection: ResolverTypeWrapper<Omit<LeaveRequestConnection, 'edges'> & { edges: Array<ResolversTypes['LeaveRequestEdge']> }>;
  LeaveRequestEdge: ResolverTypeWrapper<Omit<LeaveRequestEdge, 'node'> & { node: ResolversTypes['LeaveRequest'] }>;
  LeaveRequestInput: LeaveRequestInput;
  LeaveStatus: LeaveStatus;
  LeaveType: LeaveType;
  LinkedAccount: ResolverTypeWrapper<LinkedAccountViewModel>;
  MaritalStatus: MaritalStatus;
  MfaAuthenticator: ResolverTypeWrapper<RehiveAuthenticatorRecordModel>;
  MfaAuthenticatorType: MfaAuthenticatorType;
  MfaChallenge: ResolverTypeWrapper<MfaChallenge>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterCompanyInput: RegisterCompanyInput;
  RegisterInput: RegisterInput;
  RehiveGender: RehiveGender;
  RehiveUser: ResolverTypeWrapper<RehiveUserRecordModel>;
  ResetPasswordInput: ResetPasswordInput;
  SignInInput: SignInInput;
  SignInPayload: ResolverTypeWrapper<Omit<SignInPayload, 'account'> & { account: ResolversTypes['LinkedAccount'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Title: Title;
  UpdateHrProfileInput: UpdateHrProfileInput;
  Upstream: Upstream;
  User: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['User']>;
  Viewer: ResolverTypeWrapper<ViewerSourceModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AnalysisPermissions: AnalysisPermissions;
  AnalysisPermissionsInput: AnalysisPermissionsInput;
  AuthToken: AuthTokenRecordModel;
  AuthTokenFilter: AuthTokenFilter;
  Badge: LenelBadgeRecordModel;
  BadgeConnection: Omit<BadgeConnection, 'edges'> & { edges: Array<ResolversParentTypes['BadgeEdge']> };
  BadgeEdge: Omit<BadgeEdge, 'node'> & { node: ResolversParentTypes['Badge'] };
  BadgeFilter: BadgeFilter;
  Boolean: Scalars['Boolean']['output'];
  ChangePasswordInput: ChangePasswordInput;
  Company: CompanyRecordModel;
  CompanyConnection: ForensicCompanyPageModel;
  CompanyEdge: Omit<CompanyEdge, 'node'> & { node: ResolversParentTypes['Company'] };
  CreateCompanyInput: CreateCompanyInput;
  CreateForensicUserInput: CreateForensicUserInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Employee: LenelEmployeeRecordModel;
  EmployeeConnection: Omit<EmployeeConnection, 'edges'> & { edges: Array<ResolversParentTypes['EmployeeEdge']> };
  EmployeeEdge: Omit<EmployeeEdge, 'node'> & { node: ResolversParentTypes['Employee'] };
  EmployeeFilter: EmployeeFilter;
  ForensicUser: ForensicUserRecordModel;
  ForensicUserConnection: ForensicUserPageModel;
  ForensicUserEdge: Omit<ForensicUserEdge, 'node'> & { node: ResolversParentTypes['ForensicUser'] };
  HrUser: HrUserRecordModel;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  JSONObject: Scalars['JSONObject']['output'];
  LeaveRequest: HrLeaveRequestRecordModel;
  LeaveRequestConnection: Omit<LeaveRequestConnection, 'edges'> & { edges: Array<ResolversParentTypes['LeaveRequestEdge']> };
  LeaveRequestEdge: Omit<LeaveRequestEdge, 'node'> & { node: ResolversParentTypes['LeaveRequest'] };
  LeaveRequestInput: LeaveRequestInput;
  LinkedAccount: LinkedAccountViewModel;
  MfaAuthenticator: RehiveAuthenticatorRecordModel;
  MfaChallenge: MfaChallenge;
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RegisterCompanyInput: RegisterCompanyInput;
  RegisterInput: RegisterInput;
  RehiveUser: RehiveUserRecordModel;
  ResetPasswordInput: ResetPasswordInput;
  SignInInput: SignInInput;
  SignInPayload: Omit<SignInPayload, 'account'> & { account: ResolversParentTypes['LinkedAccount'] };
  String: Scalars['String']['output'];
  UpdateHrProfileInput: UpdateHrProfileInput;
  User: ResolversInterfaceTypes<ResolversParentTypes>['User'];
  Viewer: ViewerSourceModel;
};

export type AnalysisPermissionsResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['AnalysisPermissions'] = ResolversParentTypes['AnalysisPermissions']> = {
  biometry?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  collection?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  documents?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  quality?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type AuthTokenResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['AuthToken'] = ResolversParentTypes['AuthToken']> = {
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  secret?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sessionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  upstream?: Resolver<ResolversTypes['Upstream'], ParentType, ContextType>;
  userId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BadgeResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['Badge'] = ResolversParentTypes['Badge']> = {
  activatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  badgeNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deactivatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  employee?: Resolver<Maybe<ResolversTypes['Employee']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastChangedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BadgeStatus'], ParentType, ContextType>;
  statusCode?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  statusName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BadgeConnectionResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['BadgeConnection'] = ResolversParentTypes['BadgeConnection']> = {
  edges?: Resolver<Array<ResolversTypes['BadgeEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type BadgeEdgeResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['BadgeEdge'] = ResolversParentTypes['BadgeEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Badge'], ParentType, ContextType>;
};

export type CompanyResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['Company'] = ResolversParentTypes['Company']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inDeletion?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  technicalMetaData?: Resolver<Maybe<ResolversTypes['JSONObject']>, ParentType, ContextType>;
  upstream?: Resolver<ResolversTypes['Upstream'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CompanyConnectionResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['CompanyConnection'] = ResolversParentTypes['CompanyConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CompanyEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type CompanyEdgeResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['CompanyEdge'] = ResolversParentTypes['CompanyEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EmployeeResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['Employee'] = ResolversParentTypes['Employee']> = {
  badges?: Resolver<Maybe<Array<ResolversTypes['Badge']>>, ParentType, ContextType, Partial<EmployeeBadgesArgs>>;
  department?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  employeeNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  firstName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  middleName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EmployeeConnectionResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['EmployeeConnection'] = ResolversParentTypes['EmployeeConnection']> = {
  edges?: Resolver<Array<ResolversTypes['EmployeeEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EmployeeEdgeResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['EmployeeEdge'] = ResolversParentTypes['EmployeeEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Employee'], ParentType, ContextType>;
};

export type ForensicUserResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['ForensicUser'] = ResolversParentTypes['ForensicUser']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  analysisPermissions?: Resolver<ResolversTypes['AnalysisPermissions'], ParentType, ContextType>;
  company?: Resolver<Maybe<ResolversTypes['Company']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  employee?: Resolver<Maybe<ResolversTypes['Employee']>, ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  middleName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['ForensicRole'], ParentType, ContextType>;
  upstream?: Resolver<ResolversTypes['Upstream'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ForensicUserConnectionResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['ForensicUserConnection'] = ResolversParentTypes['ForensicUserConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ForensicUserEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type ForensicUserEdgeResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['ForensicUserEdge'] = ResolversParentTypes['ForensicUserEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ForensicUser'], ParentType, ContextType>;
};

export type HrUserResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['HrUser'] = ResolversParentTypes['HrUser']> = {
  birthDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  employee?: Resolver<Maybe<ResolversTypes['Employee']>, ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['Gender']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  leaveRequests?: Resolver<Maybe<ResolversTypes['LeaveRequestConnection']>, ParentType, ContextType, RequireFields<HrUserLeaveRequestsArgs, 'first'>>;
  preferredName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  upstream?: Resolver<ResolversTypes['Upstream'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type LeaveRequestResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['LeaveRequest'] = ResolversParentTypes['LeaveRequest']> = {
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  end?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['HrUser']>, ParentType, ContextType>;
  start?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LeaveStatus'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['LeaveType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type LeaveRequestConnectionResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['LeaveRequestConnection'] = ResolversParentTypes['LeaveRequestConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LeaveRequestEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LeaveRequestEdgeResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['LeaveRequestEdge'] = ResolversParentTypes['LeaveRequestEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LeaveRequest'], ParentType, ContextType>;
};

export type LinkedAccountResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['LinkedAccount'] = ResolversParentTypes['LinkedAccount']> = {
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  linkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  login?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mfaPending?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  upstream?: Resolver<ResolversTypes['Upstream'], ParentType, ContextType>;
  userId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type MfaAuthenticatorResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['MfaAuthenticator'] = ResolversParentTypes['MfaAuthenticator']> = {
  backupCodes?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mobile?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  otpauthUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  secret?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['MfaAuthenticatorType'], ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  verified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MfaChallengeResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['MfaChallenge'] = ResolversParentTypes['MfaChallenge']> = {
  authenticatorTypes?: Resolver<Array<ResolversTypes['MfaAuthenticatorType']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelLeaveRequest?: Resolver<ResolversTypes['LeaveRequest'], ParentType, ContextType, RequireFields<MutationCancelLeaveRequestArgs, 'id'>>;
  changePassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'input'>>;
  completeMfaChallenge?: Resolver<ResolversTypes['LinkedAccount'], ParentType, ContextType, RequireFields<MutationCompleteMfaChallengeArgs, 'challengeId' | 'code'>>;
  confirmAccountDeactivation?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationConfirmAccountDeactivationArgs, 'key'>>;
  confirmAccountDeletion?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationConfirmAccountDeletionArgs, 'key'>>;
  createAuthToken?: Resolver<ResolversTypes['AuthToken'], ParentType, ContextType, RequireFields<MutationCreateAuthTokenArgs, 'password'>>;
  createCompany?: Resolver<ResolversTypes['Company'], ParentType, ContextType, RequireFields<MutationCreateCompanyArgs, 'name'>>;
  createForensicUser?: Resolver<ResolversTypes['ForensicUser'], ParentType, ContextType, RequireFields<MutationCreateForensicUserArgs, 'input'>>;
  createLeaveRequest?: Resolver<ResolversTypes['LeaveRequest'], ParentType, ContextType, RequireFields<MutationCreateLeaveRequestArgs, 'input'>>;
  createMfaAuthenticator?: Resolver<ResolversTypes['MfaAuthenticator'], ParentType, ContextType, RequireFields<MutationCreateMfaAuthenticatorArgs, 'type'>>;
  deleteAllAuthTokens?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  deleteAuthToken?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteAuthTokenArgs, 'id'>>;
  deleteLeaveRequest?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteLeaveRequestArgs, 'id'>>;
  deleteMfaAuthenticator?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteMfaAuthenticatorArgs, 'id'>>;
  deliverMfaCode?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, Partial<MutationDeliverMfaCodeArgs>>;
  issueServiceToken?: Resolver<ResolversTypes['AuthToken'], ParentType, ContextType, RequireFields<MutationIssueServiceTokenArgs, 'userId'>>;
  register?: Resolver<ResolversTypes['SignInPayload'], ParentType, ContextType, RequireFields<MutationRegisterArgs, 'input'>>;
  registerCompany?: Resolver<ResolversTypes['SignInPayload'], ParentType, ContextType, RequireFields<MutationRegisterCompanyArgs, 'input'>>;
  requestAccountDeactivation?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestAccountDeactivationArgs, 'company' | 'user'>>;
  requestAccountDeletion?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestAccountDeletionArgs, 'company' | 'user'>>;
  requestPasswordReset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestPasswordResetArgs, 'login' | 'upstream'>>;
  resendEmailVerification?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationResendEmailVerificationArgs, 'company' | 'email'>>;
  resendMobileVerification?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationResendMobileVerificationArgs, 'company' | 'mobile'>>;
  resetPassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationResetPasswordArgs, 'input'>>;
  signIn?: Resolver<ResolversTypes['SignInPayload'], ParentType, ContextType, RequireFields<MutationSignInArgs, 'input'>>;
  signOut?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, Partial<MutationSignOutArgs>>;
  updateBadgeStatus?: Resolver<ResolversTypes['Badge'], ParentType, ContextType, RequireFields<MutationUpdateBadgeStatusArgs, 'badgeId' | 'status'>>;
  updateHrProfile?: Resolver<ResolversTypes['HrUser'], ParentType, ContextType, RequireFields<MutationUpdateHrProfileArgs, 'input'>>;
  updateLeaveRequest?: Resolver<ResolversTypes['LeaveRequest'], ParentType, ContextType, RequireFields<MutationUpdateLeaveRequestArgs, 'id' | 'input'>>;
  verifyEmail?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationVerifyEmailArgs, 'key'>>;
  verifyMfaAuthenticator?: Resolver<ResolversTypes['MfaAuthenticator'], ParentType, ContextType, RequireFields<MutationVerifyMfaAuthenticatorArgs, 'code' | 'id'>>;
  verifyMfaCode?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationVerifyMfaCodeArgs, 'code'>>;
  verifyMobile?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationVerifyMobileArgs, 'otp'>>;
};

export type NodeResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'AuthToken' | 'Badge' | 'Company' | 'Employee' | 'ForensicUser' | 'HrUser' | 'LeaveRequest' | 'MfaAuthenticator' | 'RehiveUser', ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  authToken?: Resolver<Maybe<ResolversTypes['AuthToken']>, ParentType, ContextType, RequireFields<QueryAuthTokenArgs, 'id'>>;
  authTokens?: Resolver<Maybe<Array<ResolversTypes['AuthToken']>>, ParentType, ContextType, Partial<QueryAuthTokensArgs>>;
  badge?: Resolver<Maybe<ResolversTypes['Badge']>, ParentType, ContextType, RequireFields<QueryBadgeArgs, 'id'>>;
  badges?: Resolver<Maybe<ResolversTypes['BadgeConnection']>, ParentType, ContextType, RequireFields<QueryBadgesArgs, 'first'>>;
  companies?: Resolver<Maybe<ResolversTypes['CompanyConnection']>, ParentType, ContextType, RequireFields<QueryCompaniesArgs, 'first'>>;
  company?: Resolver<Maybe<ResolversTypes['Company']>, ParentType, ContextType, RequireFields<QueryCompanyArgs, 'id'>>;
  employee?: Resolver<Maybe<ResolversTypes['Employee']>, ParentType, ContextType, RequireFields<QueryEmployeeArgs, 'id'>>;
  employees?: Resolver<Maybe<ResolversTypes['EmployeeConnection']>, ParentType, ContextType, RequireFields<QueryEmployeesArgs, 'first'>>;
  forensicUser?: Resolver<Maybe<ResolversTypes['ForensicUser']>, ParentType, ContextType, RequireFields<QueryForensicUserArgs, 'id'>>;
  forensicUsers?: Resolver<Maybe<ResolversTypes['ForensicUserConnection']>, ParentType, ContextType, RequireFields<QueryForensicUsersArgs, 'first'>>;
  leaveRequest?: Resolver<Maybe<ResolversTypes['LeaveRequest']>, ParentType, ContextType, RequireFields<QueryLeaveRequestArgs, 'id'>>;
  leaveRequests?: Resolver<Maybe<ResolversTypes['LeaveRequestConnection']>, ParentType, ContextType, RequireFields<QueryLeaveRequestsArgs, 'first'>>;
  mfaAuthenticator?: Resolver<Maybe<ResolversTypes['MfaAuthenticator']>, ParentType, ContextType, RequireFields<QueryMfaAuthenticatorArgs, 'id'>>;
  mfaAuthenticators?: Resolver<Maybe<Array<ResolversTypes['MfaAuthenticator']>>, ParentType, ContextType, Partial<QueryMfaAuthenticatorsArgs>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
};

export type RehiveUserResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['RehiveUser'] = ResolversParentTypes['RehiveUser']> = {
  authTokens?: Resolver<Maybe<Array<ResolversTypes['AuthToken']>>, ParentType, ContextType, Partial<RehiveUserAuthTokensArgs>>;
  birthDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  company?: Resolver<Maybe<ResolversTypes['Company']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  emailVerified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  employee?: Resolver<Maybe<ResolversTypes['Employee']>, ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['RehiveGender']>, ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  language?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  maritalStatus?: Resolver<Maybe<ResolversTypes['MaritalStatus']>, ParentType, ContextType>;
  mfaAuthenticators?: Resolver<Maybe<Array<ResolversTypes['MfaAuthenticator']>>, ParentType, ContextType>;
  middleName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  mobile?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  mobileVerified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  nationality?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  residency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timezone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['Title']>, ParentType, ContextType>;
  token?: Resolver<Maybe<ResolversTypes['AuthToken']>, ParentType, ContextType>;
  upstream?: Resolver<ResolversTypes['Upstream'], ParentType, ContextType>;
  username?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  verified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SignInPayloadResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['SignInPayload'] = ResolversParentTypes['SignInPayload']> = {
  account?: Resolver<ResolversTypes['LinkedAccount'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  mfaChallenge?: Resolver<Maybe<ResolversTypes['MfaChallenge']>, ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  __resolveType: TypeResolveFn<'ForensicUser' | 'HrUser' | 'RehiveUser', ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = GatehouseContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  accounts?: Resolver<Array<ResolversTypes['LinkedAccount']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  forensic?: Resolver<Maybe<ResolversTypes['ForensicUser']>, ParentType, ContextType>;
  hr?: Resolver<Maybe<ResolversTypes['HrUser']>, ParentType, ContextType>;
  rehive?: Resolver<Maybe<ResolversTypes['RehiveUser']>, ParentType, ContextType>;
  signedIn?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GatehouseContext> = {
  AnalysisPermissions?: AnalysisPermissionsResolvers<ContextType>;
  AuthToken?: AuthTokenResolvers<ContextType>;
  Badge?: BadgeResolvers<ContextType>;
  BadgeConnection?: BadgeConnectionResolvers<ContextType>;
  BadgeEdge?: BadgeEdgeResolvers<ContextType>;
  Company?: CompanyResolvers<ContextType>;
  CompanyConnection?: CompanyConnectionResolvers<ContextType>;
  CompanyEdge?: CompanyEdgeResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Employee?: EmployeeResolvers<ContextType>;
  EmployeeConnection?: EmployeeConnectionResolvers<ContextType>;
  EmployeeEdge?: EmployeeEdgeResolvers<ContextType>;
  ForensicUser?: ForensicUserResolvers<ContextType>;
  ForensicUserConnection?: ForensicUserConnectionResolvers<ContextType>;
  ForensicUserEdge?: ForensicUserEdgeResolvers<ContextType>;
  HrUser?: HrUserResolvers<ContextType>;
  JSONObject?: GraphQLScalarType;
  LeaveRequest?: LeaveRequestResolvers<ContextType>;
  LeaveRequestConnection?: LeaveRequestConnectionResolvers<ContextType>;
  LeaveRequestEdge?: LeaveRequestEdgeResolvers<ContextType>;
  LinkedAccount?: LinkedAccountResolvers<ContextType>;
  MfaAuthenticator?: MfaAuthenticatorResolvers<ContextType>;
  MfaChallenge?: MfaChallengeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RehiveUser?: RehiveUserResolvers<ContextType>;
  SignInPayload?: SignInPayloadResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

