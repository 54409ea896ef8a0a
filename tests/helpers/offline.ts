// Runs a command with no network at all. Prefers a fresh network namespace (`unshare -rn`: only
// a down loopback exists inside); where namespaces are not allowed, falls back to a preload that
// makes every socket connection and DNS lookup throw, so any attempt still fails the test.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface OfflineCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  how: 'network namespace' | 'socket guard';
}

let namespaceWorks: boolean | undefined;

export function offline(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): OfflineCommand {
  namespaceWorks ??= spawnSync('unshare', ['-rn', 'true']).status === 0;
  if (namespaceWorks)
    return { command: 'unshare', args: ['-rn', command, ...args], env, how: 'network namespace' };
  const guard = path.resolve('tests/helpers/no-network.mjs');
  return {
    command,
    args,
    env: { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --import ${guard}`.trim() },
    how: 'socket guard',
  };
}
