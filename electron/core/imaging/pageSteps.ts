// Time spent in each image step of a page: summed by the page flow into the digitize report, and
// printed per step by the OCR benchmark. Both the wall time and the process' CPU time are kept:
// the CPU figure is the step's own only when nothing else runs in the process (the benchmark's
// step mode reads pages one at a time for that), the wall time is what a batch reports.

export const IMAGE_STEPS = ['decode', 'analyse', 'osd', 'straighten', 'cleanup', 'encode'] as const;
export type ImageStep = (typeof IMAGE_STEPS)[number];
export type StepTimes = Record<ImageStep, number>;

export const noStepTimes = (): StepTimes =>
  Object.fromEntries(IMAGE_STEPS.map((s) => [s, 0])) as StepTimes;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export class StepClock {
  readonly wallMs = noStepTimes();
  readonly cpuMs = noStepTimes();

  async time<T>(step: ImageStep, fn: () => T | Promise<T>): Promise<T> {
    const wall = performance.now();
    const cpu = cpuMs();
    try {
      return await fn();
    } finally {
      this.wallMs[step] += performance.now() - wall;
      this.cpuMs[step] += cpuMs() - cpu;
    }
  }
}
