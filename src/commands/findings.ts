// `pan-ser findings`: every finding rule and threshold, from classify/findings.ts.
import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import { renderFindingsList, type FindingsListFormat } from '../render/findings-list.js';
import { outputView } from './shared.js';
import { DEFAULT_VIEW } from '../render/view.js';

export function registerFindings(program: Command, io: Io): void {
  program
    .command('findings')
    .description('list the findings analyze looks for, and their thresholds')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'markdown'])
        .default('table'),
    )
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .action((flags: { format: FindingsListFormat; color: boolean }) => {
      io.stdout.write(
        renderFindingsList(flags.format, outputView(io, flags.color, DEFAULT_VIEW.top)),
      );
    });
}
