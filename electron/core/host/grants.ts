// The paths the clerk chose in the host's own dialog, as opaque grants (the renderer never
// sees a file-system path it can choose freely): the page holds only a random id, bound to what
// it was chosen for, and the core looks the path up here.
// In memory only: a grant dies with the process, and after `ttlMs` (30 minutes by default), long
// enough to fill a form, short enough that a leaked id is soon worthless.
import { randomBytes } from 'node:crypto';
import { PATH_GRANT_PATTERN, type PathPurpose } from '../../../shared/contracts/host';
import { SohoaError } from '../../../shared/errors';

export const GRANT_TTL_MS = 30 * 60 * 1000;

interface Grant {
  purpose: PathPurpose;
  path: string;
  expiresAt: number;
}

export class GrantRegistry {
  private readonly grants = new Map<string, Grant>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? GRANT_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** A new grant for `path`, usable only for `purpose` until it expires. */
  issue(purpose: PathPurpose, path: string): string {
    this.sweep();
    // 24 random bytes: 192 bits, base64url without padding is exactly 32 characters.
    const id = `grant:${randomBytes(24).toString('base64url')}`;
    this.grants.set(id, { purpose, path, expiresAt: this.now() + this.ttlMs });
    return id;
  }

  /**
   * The path a grant stands for. Several calls may redeem the same grant (list a folder, then
   * read it) until it expires; another purpose never can.
   */
  redeem(grant: string, purpose: PathPurpose, subject = ''): string {
    const found = PATH_GRANT_PATTERN.test(grant) ? this.grants.get(grant) : undefined;
    if (!found || found.expiresAt <= this.now()) {
      if (found) this.grants.delete(grant);
      throw new SohoaError('PATH_GRANT_INVALID', subject);
    }
    if (found.purpose !== purpose) throw new SohoaError('PATH_GRANT_WRONG_PURPOSE', subject);
    return found.path;
  }

  get size(): number {
    this.sweep();
    return this.grants.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, g] of this.grants) if (g.expiresAt <= now) this.grants.delete(id);
  }
}
