// Where the shipped data (procedure catalog, holiday calendars) lives. From the source tree and
// from the esbuild bundle in dist/electron the project root is an ancestor of this module; a
// packaged app sets SOHOA_RESOURCES_DIR to its resources folder.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function resourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOHOA_RESOURCES_DIR) return path.resolve(env.SOHOA_RESOURCES_DIR);
  // Installed, the variable is dropped from the environment the core acts on (a session could
  // preset it); the data beside the asar is then found from the runtime's own resources path.
  const installed = (process as { resourcesPath?: string }).resourcesPath;
  if (installed && fs.existsSync(path.join(installed, 'data', 'holidays')))
    return path.join(installed, 'data');
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(path.join(candidate, 'holidays'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('resources/ folder not found; set SOHOA_RESOURCES_DIR');
    dir = parent;
  }
}
