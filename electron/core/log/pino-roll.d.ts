// pino-roll ships no types; this is the part of its API the log uses.
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';
  interface RollOptions {
    file: string;
    extension?: string;
    frequency?: 'daily' | 'hourly' | number;
    size?: string | number;
    mkdir?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
  }
  export default function roll(options: RollOptions): Promise<SonicBoom>;
}
