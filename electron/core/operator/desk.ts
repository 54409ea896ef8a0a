// The account this process works for, as the audit log and the dossier moves record it. The
// process runs as one signed-in account for its whole life, so this is set once (by createApi,
// after asking the system) and read where records are written, without threading it through
// every store. Before it is set (tools, tests that open stores directly) it is the process's
// own user name, which needs no lookup.
import os from 'node:os';

export interface DeskOperator {
  account: string;
  displayName: string;
  /** IT allows one account for several clerks: the name each clerk types is what identifies them. */
  sharedAccount: boolean;
}

let current: DeskOperator | null = null;

function fallback(): DeskOperator {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (a container's arbitrary uid): the account stays unknown.
  }
  return { account: user, displayName: user, sharedAccount: true };
}

export function setDeskOperator(operator: DeskOperator): void {
  current = operator;
}

export function deskOperator(): DeskOperator {
  return (current ??= fallback());
}

/** Actors that stand for "whoever is at the desk" rather than a named part of the program. */
const AT_THE_DESK = new Set(['', 'desk', 'system']);

/** The audit log's actor: the account for the desk's own actions; a named actor keeps its name. */
export function recordedActor(actor: string): string {
  return AT_THE_DESK.has(actor) ? deskOperator().account : actor;
}

/**
 * The clerk a dossier move records: on a shared account the name the clerk typed, beside the
 * account; otherwise the account's own person, whatever was typed.
 */
export function recordedClerk(typed: string): string {
  const op = deskOperator();
  const name = op.sharedAccount ? typed.trim() : op.displayName;
  if (!name) return '';
  return name.includes(op.account) ? name : `${name} (${op.account})`;
}
