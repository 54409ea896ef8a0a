// Handlers for shared/contracts/machine.ts: IT's policy as the desk sees it now (the banner on
// every screen), who is at the desk and their role, the settings in force with where each key
// comes from (Cài đặt marks what IT set), and the health checks of "Tình trạng máy".
import type { MACHINE_CHANNELS } from '../../../shared/contracts/machine';
import { PERMISSIONS, mayDo } from '../../../shared/policy';
import { resourcesDir } from '../dossier/resources';
import { runHealth } from '../health/report';
import { policyThresholds } from '../policy/inForce';
import type { DomainHandlers, HandlerContext } from './context';

type MachineHandlers = DomainHandlers<typeof MACHINE_CHANNELS>;

export function createMachineHandlers(context: HandlerContext): MachineHandlers {
  const { core, policy, person, settings } = context;
  return {
    machineStatus() {
      const state = policy.current();
      const role = person.role();
      return Promise.resolve({
        policy: {
          state: state.state,
          file: state.file,
          problems: state.state === 'invalid' ? state.problems : [],
        },
        blocked: state.state === 'invalid',
        person: {
          account: person.identity.account,
          displayName: person.identity.displayName,
          role,
          permissions: PERMISSIONS.filter((p) => mayDo(role, p)),
          sharedAccount: person.sharedAccount(),
        },
        packaged: context.packaged,
      });
    },
    machineSettings() {
      const loaded = settings.load();
      return Promise.resolve({ settings: loaded.settings, sources: loaded.sources });
    },
    machineHealth(request) {
      return runHealth(
        {
          dataDir: core.paths.root,
          keysDir: core.paths.keysDir,
          resourcesDir: resourcesDir(context.env),
          policy: policy.current(),
          thresholds: policyThresholds(policy.policy()),
          settings: settings.load().settings,
          signing: context.opened,
          archive: core.archive,
          now: context.opened.clock ?? (() => new Date()),
        },
        request.checks,
      );
    },
  };
}
