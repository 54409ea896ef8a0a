// Reading IT's machine configuration file: where it is on each platform, its JSON read with
// positions so every problem names its line, and the schema's verdict. A file that is absent is
// no policy (the desk works as configured in Cài đặt); a file that is present but unreadable or
// invalid is an invalid policy, which keeps the desk from signing and uploading until IT fixes it.
import fs from 'node:fs';
import path from 'node:path';
import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { validatePolicy, type MachinePolicy, type PolicyProblem } from '../../../shared/policy';

export const POLICY_FILE_NAME = 'policy.json';

export type PolicyState =
  | { state: 'absent'; file: string }
  | { state: 'valid'; file: string; policy: MachinePolicy }
  | { state: 'invalid'; file: string; problems: PolicyProblem[] };

/**
 * The machine's policy file: `%ProgramData%\SohoaDesk\policy.json` on Windows,
 * `/etc/sohoa-desk/policy.json` elsewhere. Only tests name another file (an option, never an
 * environment variable: a clerk must not be able to point the desk at a file of their own).
 */
export function machinePolicyFile(
  platform: NodeJS.Platform = process.platform,
  programData: string | undefined = process.env.ProgramData,
): string {
  if (platform === 'win32')
    return path.win32.join(programData || 'C:\\ProgramData', 'SohoaDesk', POLICY_FILE_NAME);
  return path.posix.join('/etc/sohoa-desk', POLICY_FILE_NAME);
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line of a JSON path, or of the nearest part of it the file has (a missing key's parent). */
function lineOf(text: string, root: Node | undefined, dotted: string): number | undefined {
  if (!root) return undefined;
  const segments =
    dotted === '' ? [] : dotted.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = segments.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, segments.slice(0, n));
    if (node) {
      // A property's value: point at its key, where the reader looks.
      const at = node.parent?.type === 'property' ? node.parent.offset : node.offset;
      return lineAt(text, at);
    }
  }
  return undefined;
}

const SYNTAX = {
  vi: (what: string) => `tệp không phải JSON hợp lệ (${what})`,
  en: (what: string) => `the file is not valid JSON (${what})`,
};

/** Validates the text of a policy file; every problem with its line. */
export function parsePolicyText(
  text: string,
): { ok: true; policy: MachinePolicy } | { ok: false; problems: PolicyProblem[] } {
  const errors: ParseError[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const root = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    const what = first ? printParseErrorCode(first.error) : 'EmptyFile';
    return {
      ok: false,
      problems: [
        {
          path: '',
          ...(first ? { line: lineAt(body, first.offset) } : {}),
          message: { vi: SYNTAX.vi(what), en: SYNTAX.en(what) },
        },
      ],
    };
  }
  const result = validatePolicy(JSON.parse(body));
  if (result.ok) return result;
  return {
    ok: false,
    problems: result.problems.map((p) => {
      const line = lineOf(body, root, p.path);
      return line ? { ...p, line } : p;
    }),
  };
}

/** Reads and validates the file at `file`. */
export function readPolicyFile(file: string): PolicyState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent', file };
    return {
      state: 'invalid',
      file,
      problems: [
        {
          path: '',
          message: {
            vi: 'không đọc được tệp (quyền truy cập?)',
            en: 'the file cannot be read (permissions?)',
          },
        },
      ],
    };
  }
  const parsed = parsePolicyText(text);
  return parsed.ok
    ? { state: 'valid', file, policy: parsed.policy }
    : { state: 'invalid', file, problems: parsed.problems };
}

/** One problem as IT reads it: `policy.json, dòng 12 (locked.agency.id): …`. */
export function describeProblem(file: string, p: PolicyProblem, lang: 'vi' | 'en'): string {
  const name = path.basename(file);
  const where = [
    p.line ? (lang === 'vi' ? `dòng ${p.line}` : `line ${p.line}`) : '',
    p.path ? `(${p.path})` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `${name}${where ? `, ${where}` : ''}: ${p.message[lang]}`;
}
