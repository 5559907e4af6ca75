// `pan-ser reasons`: the reason table in precedence order.
import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import { renderReasons, type ReasonsFormat } from '../render/reasons.js';
import { outputView } from './shared.js';
import { DEFAULT_VIEW } from '../render/view.js';

export function registerReasons(program: Command, io: Io): void {
  program
    .command('reasons')
    .description('list every Session End Reason in precedence order, with its meaning')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'markdown'])
        .default('table'),
    )
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .action((flags: { format: ReasonsFormat; color: boolean }) => {
      io.stdout.write(renderReasons(flags.format, outputView(io, flags.color, DEFAULT_VIEW.top)));
    });
}
