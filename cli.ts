/**
 * The `jaxlate` command line: transpiles files and folders of JAX/Flax NNX
 * modules, all in memory first, and writes the outputs only when every input
 * translated without error.
 *
 * ```sh
 * deno run -A cli.ts model.py --target torch                 # one file to stdout
 * deno run -A cli.ts src/ --target tensorflow --out out/     # out/<relative path>.py
 * deno run -A cli.ts src/ --target all --out out/            # out/<target>/<relative path>.py
 * ```
 *
 * Exit codes: 0 success, 1 diagnostics (nothing written, unless `--partial`), 2 usage error.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { basename, dirname, join, relative, resolve } from "node:path";
import { formatDiagnostic, STAGE_NAMES, type StageName, TARGETS, transpilePackageTargets } from "./mod.ts";
import type { PackageTargetsOptions, TranspileResult } from "./mod.ts";
import { error, hasErrors } from "./stages/diagnostics.ts";
import { stagePath } from "./stages/pipeline.ts";

const USAGE = `Usage: deno run -A cli.ts FILE_OR_DIR... [--source jax] --target TARGET [--out DIR]

Transpiles JAX / Flax NNX Python modules. Folders are walked recursively for
*.py files; each output keeps its input's path relative to the folder given.
The modules of one folder are transpiled together, as a package: they may
import each other (from mypkg.layers import MLP, from .layers import MLP).
A folder with an __init__.py is the package its name says.

Options:
  --source NAME   input language: ${STAGE_NAMES.join(", ")} (default: jax)
  --target NAME   output language: ${STAGE_NAMES.join(", ")}, or
                  all (= ${TARGETS.join(", ")}, written to OUT/<target>/)
  --out DIR       write OUT/<relative path>.py; without it, the one input's
                  output goes to stdout
  --partial       write what transpiles even when something does not: each
                  function, class or method with an error becomes a stub that
                  raises NotImplementedError naming the problems, its JAX
                  source kept above it as a comment (the exit code is still 1)
  -h, --help      show this help

Without --partial, nothing is written unless every input transpiles: problems
are reported as file:line:col: error: reason, all of them, and the exit code
is 1. A folder run shows its progress when stderr is a terminal, then a summary.
Usage errors exit with 2.
`;

/** Where the CLI's text goes; tests and embedders may capture it. */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** True when standard error is a terminal: then folder runs show their progress there. */
  readonly stderrIsTerminal?: boolean;
}

/** One Python module to transpile: where it was read, and its path relative to its root. */
interface Input {
  readonly path: string;
  readonly relativePath: string;
}

/**
 * Inputs transpiled together: one folder's modules (a package whose dotted
 * name is `root`, or "" for a folder that is no package), or one file.
 */
interface Group {
  readonly root: string;
  readonly folder: boolean;
  readonly inputs: readonly Input[];
}

/** One file to write once everything succeeded. */
interface Output {
  readonly path: string;
  readonly text: string;
}

class UsageError extends Error {}

const DEFAULT_IO: CliIo = {
  stdout: (text) => Deno.stdout.writeSync(new TextEncoder().encode(text)),
  stderr: (text) => Deno.stderr.writeSync(new TextEncoder().encode(text)),
  stderrIsTerminal: Deno.stderr.isTerminal(),
};

/**
 * Runs the command line.
 *
 * @param args The arguments after the script name.
 * @param io Where output and diagnostics are printed.
 * @returns The exit code: 0 success, 1 diagnostics, 2 usage error.
 * @example Transpile one file to stdout
 * ```ts ignore
 * const code = await main(["model.py", "--target", "torch"]);
 * ```
 */
export async function main(args: readonly string[], io: CliIo = DEFAULT_IO): Promise<number> {
  try {
    return await run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`jaxlate: ${e.message}\nRun with --help for usage.\n`);
      return 2;
    }
    // file system errors (unreadable input, unwritable --out) and transpiler bugs: a message, not a stack trace
    io.stderr(`jaxlate: error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const source = stageName(values.source ?? "jax", "--source");
  const targetName = values.target;
  if (targetName === undefined) throw new UsageError("--target is required");
  const targets: StageName[] = targetName === "all" ? [...TARGETS] : [stageName(targetName, "--target")];
  for (const target of targets) {
    if (!stagePath(source, target)) throw new UsageError(`cannot go from --source ${source} to --target ${target}`);
  }
  if (positionals.length === 0) throw new UsageError("no input files or folders given");
  const groups = await collectInputs(positionals);
  const inputs = groups.flatMap((g) => g.inputs);
  const out = values.out;
  if (out === undefined && targetName === "all") throw new UsageError("--target all needs --out");
  if (out === undefined && inputs.length !== 1) {
    throw new UsageError(`${inputs.length} input modules need --out (stdout takes exactly one)`);
  }

  const partial = values.partial ?? false;
  const started = performance.now();
  const outputs: Output[] = [];
  let failed = false;
  let definitions = 0;
  const stubs = new Map<StageName, number>(targets.map((t) => [t, 0]));
  let done = 0;
  for (const group of groups) {
    const texts = new Map<string, string>();
    for (const input of group.inputs) texts.set(slashes(input.relativePath), await Deno.readTextFile(input.path));
    const progress = (path: string) => {
      const input = group.inputs.find((i) => slashes(i.relativePath) === path);
      if (io.stderrIsTerminal) io.stderr(`[${++done}/${inputs.length}] ${input?.path ?? path}\n`);
    };
    const results = transpileSafely(texts, source, targets, { root: group.root, partial, progress });
    for (const input of group.inputs) {
      const text = texts.get(slashes(input.relativePath))!;
      const byTarget = results.get(slashes(input.relativePath))!;
      const reported = new Set<string>(); // the targets share their first stages' problems
      definitions += byTarget.get(targets[0])!.definitions;
      for (const target of targets) {
        const result = byTarget.get(target)!;
        for (const d of result.diagnostics) {
          const message = formatDiagnostic(d, input.path, text);
          if (!reported.has(message)) io.stderr(message + "\n");
          reported.add(message);
        }
        stubs.set(target, stubs.get(target)! + result.stubs.length);
        if (hasErrors(result.diagnostics)) failed = true;
        // with --partial, a module with stubs is written; one with an error outside its definitions is not
        if (hasErrors(result.diagnostics) && !(partial && result.code)) continue;
        const dir = out === undefined ? "" : targetName === "all" ? join(out, target) : out;
        outputs.push({ path: join(dir, input.relativePath), text: result.code });
      }
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (groups.some((g) => g.folder)) {
    const counts = `${plural(inputs.length, "file")}, ${plural(definitions, "definition")}`;
    io.stderr(`jaxlate: ${counts} to ${targets.join(", ")} in ${seconds}s\n`);
  }
  if (partial) {
    for (const target of targets) {
      const stubbed = stubs.get(target)!;
      const on = targets.length > 1 ? `${target}: ` : "";
      io.stderr(
        `jaxlate: ${on}ported ${definitions - stubbed} of ${plural(definitions, "definition")}; ` +
          `${plural(stubbed, "stub")}\n`,
      );
    }
  } else if (failed) {
    io.stderr("jaxlate: nothing written: fix the errors above\n");
    return 1;
  }
  if (out === undefined) {
    if (outputs.length) io.stdout(outputs[0].text);
  } else await writeAll(outputs);
  return failed ? 1 : 0;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/** A path with `/` separators, as package module paths are written. */
function slashes(path: string): string {
  return path.replaceAll("\\", "/");
}

function parseCommandLine(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        source: { type: "string" },
        target: { type: "string" },
        out: { type: "string" },
        partial: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

function stageName(name: string, flag: string): StageName {
  if ((STAGE_NAMES as readonly string[]).includes(name)) return name as StageName;
  const all = flag === "--target" ? ", all" : "";
  throw new UsageError(`unknown ${flag} \`${name}\` (one of: ${STAGE_NAMES.join(", ")}${all})`);
}

/**
 * Files as given (relative path: the file name), each a group of its own, and
 * every `*.py` under each folder, sorted, a group per folder.
 */
async function collectInputs(paths: readonly string[]): Promise<Group[]> {
  const groups: Group[] = [];
  for (const path of paths) {
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(path);
    } catch {
      throw new UsageError(`cannot read \`${path}\`: no such file or folder`);
    }
    if (info.isDirectory) {
      const found = await walkPython(path);
      if (found.length === 0) throw new UsageError(`no .py files under \`${path}\``);
      const inputs = found.map((p) => ({ path: p, relativePath: relative(path, p) }));
      groups.push({ root: await packageName(path), folder: true, inputs });
    } else {
      groups.push({ root: "", folder: false, inputs: [{ path, relativePath: path.split(/[\\/]/).pop()! }] });
    }
  }
  const seen = new Map<string, string>();
  for (const input of groups.flatMap((g) => g.inputs)) {
    const other = seen.get(input.relativePath);
    if (other !== undefined) {
      throw new UsageError(`\`${other}\` and \`${input.path}\` would both be written to ${input.relativePath}`);
    }
    seen.set(input.relativePath, input.path);
  }
  return groups;
}

/** The dotted package name of a folder: its name, after its parents' while they hold an `__init__.py`; "" for no package. */
async function packageName(dir: string): Promise<string> {
  const isPackage = (d: string) => Deno.stat(join(d, "__init__.py")).then((i) => i.isFile, () => false);
  const names: string[] = [];
  for (let at = resolve(dir); await isPackage(at); at = dirname(at)) names.unshift(basename(at));
  return names.join(".");
}

async function walkPython(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory && !entry.name.startsWith(".") && entry.name !== "__pycache__") {
      found.push(...await walkPython(path));
    } else if (entry.isFile && entry.name.endsWith(".py")) {
      found.push(path);
    }
  }
  return found.sort();
}

/** `transpilePackageTargets` on one group, with any exception turned into an internal-error diagnostic. */
function transpileSafely(
  texts: ReadonlyMap<string, string>,
  source: StageName,
  targets: readonly StageName[],
  options: Pick<PackageTargetsOptions, "root" | "partial" | "progress">,
): Map<string, Map<StageName, TranspileResult>> {
  try {
    return transpilePackageTargets(texts, { source, targets, ...options });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const failure = (path: string): TranspileResult => ({
      code: "",
      diagnostics: [error({ line: 1, col: 1 }, `internal error while transpiling ${path}: ${reason}`)],
      stages: {},
      definitions: 0,
      stubs: [],
    });
    return new Map([...texts.keys()].map((path) => [path, new Map(targets.map((t) => [t, failure(path)]))]));
  }
}

/**
 * Writes every output through a temporary file beside it, then renames them
 * all into place: a failed write leaves no output file behind.
 */
async function writeAll(outputs: readonly Output[]): Promise<void> {
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const output of outputs) {
      const path = resolve(output.path);
      await Deno.mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${Deno.pid}.tmp`;
      temps.push({ temp, path });
      await Deno.writeTextFile(temp, output.text);
    }
  } catch (e) {
    for (const { temp } of temps) await Deno.remove(temp).catch(() => {});
    throw e;
  }
  for (const { temp, path } of temps) await Deno.rename(temp, path);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
