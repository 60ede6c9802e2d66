// Small error factories, so every refusal carries a status and a reason.
import { problem, type Problem } from './problems.ts';

export class AppError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly problems: Problem[] = []) {
    super(message);
  }
}

export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const unauthorised = (message: string) => new AppError(401, 'unauthorised', message);
export const notFound = (message: string) => new AppError(404, 'not-found', message);
export const invalid = (pointer: string, message: string) =>
  new AppError(422, 'invalid', message, [problem(pointer, 'invalid', message)]);
/** A sensitive action needs the person to sign in again first (403 with its own code, so a page can ask). */
export const reauthenticationNeeded = () => new AppError(403, 'reauthentication-required', 'confirm your password and security code first: this action needs a recent sign-in');
