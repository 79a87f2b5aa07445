import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMAND_MODULES, commandNameOf, modulesFor } from '../../src/cli/main.ts';

/**
 * The CLI loads only the modules of the command it runs. This checks the table that makes it
 * possible against what the modules really register, so a new command cannot be forgotten.
 */
describe('CLI command modules', () => {
  it('each module registers or extends exactly the commands the table says', async () => {
    const program = new Command('riscossa');
    for (const module of COMMAND_MODULES) {
      const before = new Map(program.commands.map((c) => [c.name(), c.commands.length]));
      (await module.load())(program);
      const touched = program.commands
        .filter((c) => before.get(c.name()) !== c.commands.length)
        .map((c) => c.name());
      expect(touched, module.load.toString()).toEqual([...module.commands]);
    }
  });

  it('loads a command with every module that extends it, and everything for help', async () => {
    expect(commandNameOf(['node', 'main.ts', '--data-dir', '/tmp/x', '--json', 'legal', 'show'])).toBe(
      'legal',
    );
    expect(commandNameOf(['node', 'main.ts', '--help'])).toBeNull();
    const legal = (await buildProgram(['node', 'main.ts', 'legal'])).commands.map((c) => c.name());
    expect(legal.sort()).toEqual(['cases', 'legal']);
    const cases = (await buildProgram(['node', 'main.ts', 'cases'])).commands.find(
      (c) => c.name() === 'cases',
    )!;
    expect(cases.commands.map((c) => c.name())).toEqual(
      expect.arrayContaining(['list', 'progress', 'close']),
    );
    expect(modulesFor('no-such-command')).toBe(COMMAND_MODULES);
    const all = (await buildProgram([])).commands.map((c) => c.name());
    expect(new Set(all)).toEqual(new Set(COMMAND_MODULES.flatMap((m) => m.commands)));
  });
});
