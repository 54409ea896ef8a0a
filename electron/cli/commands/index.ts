// Every `sohoa` sub-command, in the order `sohoa --help` lists them. The list holds only what
// `--help` and the dispatcher need; a command's module (and the part of the core it uses) loads
// when that command runs, so `sohoa --help` or `sohoa verify` never pays for OCR, imaging or
// the archive. Add a command with one entry here: its name, its usage (the same text as its
// module's), `pages: true` when it holds scanned pages in memory, and `load`.
import type { CommandEntry } from './types';
import { USAGE } from '../usage';

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'digitize',
    pages: true,
    usage: USAGE['digitize'],
    load: async () => (await import('./digitize')).digitizeCommand,
  },
  {
    name: 'demo',
    pages: true,
    usage: USAGE['demo'],
    load: async () => (await import('./demo')).demoCommand,
  },
  {
    name: 'eval',
    pages: true,
    usage: USAGE['eval'],
    load: async () => (await import('./eval')).evalCommand,
  },
  {
    name: 'procedures',
    usage: USAGE['procedures'],
    load: async () => (await import('./procedures')).proceduresCommand,
  },
  {
    name: 'cccd',
    usage: USAGE['cccd'],
    load: async () => (await import('./cccd')).cccdCommand,
  },
  {
    name: 'eval-classify',
    pages: true,
    usage: USAGE['eval-classify'],
    load: async () => (await import('./evalClassify')).evalClassifyCommand,
  },
  {
    name: 'search',
    usage: USAGE['search'],
    load: async () => (await import('./search')).searchCommand,
  },
  {
    name: 'audit',
    usage: USAGE['audit'],
    load: async () => (await import('./audit')).auditCommand,
  },
  {
    name: 'backup',
    usage: USAGE['backup'],
    load: async () => (await import('./backup')).backupCommand,
  },
  {
    name: 'restore',
    usage: USAGE['restore'],
    load: async () => (await import('./backup')).restoreCommand,
  },
  {
    name: 'vault',
    usage: USAGE['vault'],
    load: async () => (await import('./vault')).vaultCommand,
  },
  {
    name: 'export',
    usage: USAGE['export'],
    load: async () => (await import('./export')).exportCommand,
  },
  {
    name: 'outbox',
    usage: USAGE['outbox'],
    load: async () => (await import('./outbox')).outboxCommand,
  },
  {
    name: 'eval-extract',
    pages: true,
    usage: USAGE['eval-extract'],
    load: async () => (await import('./evalClassify')).evalExtractCommand,
  },
  {
    name: 'sign',
    usage: USAGE['sign'],
    load: async () => (await import('./sign')).signCommand,
  },
  {
    name: 'verify',
    usage: USAGE['verify'],
    load: async () => (await import('./verify')).verifyCommand,
  },
  {
    name: 'receipt',
    usage: USAGE['receipt'],
    load: async () => (await import('./receipt')).receiptCommand,
  },
  {
    name: 'reception',
    usage: USAGE['reception'],
    load: async () => (await import('./reception')).receptionCommand,
  },
  {
    name: 'hotfolder',
    pages: true,
    usage: USAGE['hotfolder'],
    load: async () => (await import('./hotfolder')).hotfolderCommand,
  },
  {
    name: 'separate',
    pages: true,
    usage: USAGE['separate'],
    load: async () => (await import('./separate')).separateCommand,
  },
  {
    name: 'separator-sheet',
    usage: USAGE['separator-sheet'],
    load: async () => (await import('./separate')).separatorSheetCommand,
  },
  {
    name: 'scan',
    usage: USAGE['scan'],
    load: async () => (await import('./scan')).scanCommand,
  },
];
