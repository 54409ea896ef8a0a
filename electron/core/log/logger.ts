// The desk's log for support: structured lines (JSON, one event each) in rotating files of the
// machine's log folder, through pino with pino-roll's rolling file stream (docs/decisions/0181).
// What may be logged is narrow on purpose: an event name and a few plain fields (a channel, a
// code, a count, a duration, a file's kind), never free text. Names, ID numbers and OCR text of
// applicants must never reach a log: fields named like personal data are cut before writing,
// and an error is logged by its name, code and stack frames, never by its message (which may
// carry a file name or a server's words).
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import roll from 'pino-roll';
import type { Environment } from '../policy/environment';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Log {
  error(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  debug(event: string, fields?: LogFields): void;
}

/** Field names that stand for personal data or document text: never written, whatever the value. */
const PERSONAL =
  /name|idnumber|applicant|address|birth|phone|text|words|ocr|clerk|pin|password|secret|token/i;

let root: pino.Logger = pino({ level: 'silent' });
let rootId = 0;

function clean(fields: LogFields | undefined): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields ?? {}))
    out[k] = PERSONAL.test(k) ? '[không ghi / not logged]' : v;
  return out;
}

/** A component's log (`api`, `policy`, `health`…), writing to whatever file is open now. */
export function log(component: string): Log {
  const at =
    (level: LogLevel) =>
    (event: string, fields?: LogFields): void =>
      root[level]({ component, ...clean(fields) }, event);
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** An error as the log keeps it: its kind and where in the code, without its message. */
export function errorFields(e: unknown): LogFields {
  const err = e instanceof Error ? e : null;
  const frames = err?.stack?.split('\n').filter((l) => /^\s+at /.test(l)) ?? [];
  return {
    errorName: err?.name ?? typeof e,
    errorCode:
      typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : null,
    stack:
      frames
        .slice(0, 12)
        .map((l) => l.trim())
        .join(' | ') || null,
  };
}

/** The machine's log folder for this account (local, never roaming: logs stay with the PC). */
export function machineLogDir(
  env: Environment = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  // Beside the data folder (LOCALAPPDATA\SohoaDesk), not in it: backups, restores and the
  // encryption of the data folder never touch the logs.
  if (platform === 'win32')
    return path.win32.join(
      env.LOCALAPPDATA ?? path.win32.join(os.homedir(), 'AppData', 'Local'),
      'SohoaDesk-logs',
    );
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Logs', 'SohoaDesk');
  return path.join(
    env.XDG_STATE_HOME ?? path.join(os.homedir(), '.local', 'state'),
    'sohoa-desk',
    'logs',
  );
}

export interface LogFileOptions {
  dir: string;
  /** The file's stem: `desk` for the app, `cli` for commands. */
  name: string;
  level?: LogLevel;
  maxFileMb?: number;
  /** Older files kept beside the current one. */
  keepFiles?: number;
}

export interface OpenLog {
  /** The stem of the files (`<dir>/<name>.<n>.log`). */
  dir: string;
  close(): Promise<void>;
}

/** Sends every component's log to rotating files (daily, or at the size limit) until closed. */
export async function openLogFile(options: LogFileOptions): Promise<OpenLog> {
  const stream = await roll({
    file: path.join(options.dir, options.name),
    extension: '.log',
    frequency: 'daily',
    size: `${options.maxFileMb ?? 10}m`,
    mkdir: true,
    limit: { count: options.keepFiles ?? 14 },
  });
  const id = ++rootId;
  root = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, host: os.hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream,
  );
  return {
    dir: options.dir,
    close: () =>
      new Promise<void>((resolve) => {
        if (rootId === id) root = pino({ level: 'silent' });
        stream.once('close', () => resolve());
        stream.end();
      }),
  };
}
