import { parseArgs } from 'node:util';

export class CliUsageError extends Error {}

export interface OptionSpec {
  description: string;
  required?: boolean;
  /** May be given more than once (e.g. `--role a --role b`). */
  multiple?: boolean;
}

export interface CommandSpec {
  summary: string;
  options: Readonly<Record<string, OptionSpec>>;
}

export type ParsedOptions = Record<string, string | string[] | undefined>;

/**
 * Parses one command's options, strictly: an unknown option, a missing required one or a value
 * where none fits is a usage error naming it.
 */
export function parseOptions(command: string, spec: CommandSpec, argv: string[]): ParsedOptions {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(
        Object.entries(spec.options).map(([name, option]) => [
          name,
          { type: 'string' as const, multiple: option.multiple === true },
        ]),
      ),
    });
  } catch (error) {
    throw new CliUsageError(
      `${command}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const values = parsed.values as ParsedOptions;
  const missing = Object.entries(spec.options)
    .filter(([name, option]) => option.required === true && values[name] === undefined)
    .map(([name]) => `--${name}`);
  if (missing.length > 0) {
    throw new CliUsageError(`${command}: missing ${missing.join(', ')}`);
  }
  return values;
}

/** The usage text for every command. */
export function usage(commands: Readonly<Record<string, CommandSpec>>): string {
  const lines = ['Usage: npm run cli -- <command> [options]', '', 'Commands:'];
  for (const [name, spec] of Object.entries(commands)) {
    lines.push(`  ${name}  ${spec.summary}`);
    for (const [option, detail] of Object.entries(spec.options)) {
      const flags = [detail.required ? 'required' : 'optional', detail.multiple ? 'repeatable' : '']
        .filter(Boolean)
        .join(', ');
      lines.push(`      --${option}  ${detail.description} (${flags})`);
    }
  }
  lines.push('', 'DATABASE_URL names the database; without it, the one `npm start` runs is used.');
  return lines.join('\n');
}
