// Password hashing (argon2id) and policy: at least 12 characters, not a common or breached password, no composition rules.
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const options = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// ~49,000 common and breached passwords (zxcvbn-ts's list), plus words a clinic's staff are likely to try.
const common = new Set<string>([
  ...dictionary['passwords-common'],
  'rehabilitasyon',
  'fizyoterapist',
  'fizyoterapi123',
  'rehabcenter123',
  'sifre12345678',
  'şifre12345678',
  'parola12345678',
  'istanbul123456',
  'galatasaray1905',
  'fenerbahce1907',
  'besiktas1903',
]);

export function commonPasswordCount(): number {
  return common.size;
}

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsEmail';

export function passwordProblem(password: string, email?: string): PasswordProblem | undefined {
  // Code points, not UTF-16 units: '🙂🙂🙂' is three characters to a person.
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const folded = password.toLocaleLowerCase('tr');
  if (common.has(password) || common.has(folded) || common.has(password.toLowerCase())) return 'common';
  // The same character over and over, or a keyboard run, is as weak as a listed password.
  if (/^(.)\1+$/u.test(password) || /^(?:0123456789|1234567890|qwertyuiop|asdfghjkl)/i.test(password)) return 'common';
  const local = email?.split('@')[0]?.toLocaleLowerCase('tr');
  if (local && local.length >= 4 && folded.includes(local)) return 'containsEmail';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verifying against this for unknown accounts makes "no such e-mail" take as long as "wrong password".
const dummyHash = hash('not-a-real-password-for-timing-only', options);

export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  const target = stored ?? (await dummyHash);
  try {
    const ok = await verify(target, password);
    return stored !== undefined && ok;
  } catch {
    return false;
  }
}
