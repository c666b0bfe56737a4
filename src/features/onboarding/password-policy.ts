import { MIN_PASSWORD_LENGTH } from '../../../contract/passwords';

/** Said before anyone types, rather than learnt from a refusal. */
export const PASSWORD_POLICY = `At least ${MIN_PASSWORD_LENGTH} characters, and not a common password.`;
