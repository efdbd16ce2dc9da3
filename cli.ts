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
 * Exit codes: 0 success, 1 diagnostics (nothing written), 2 usage error.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { dirname, join, relative, resolve } from "node:path";
import { formatDiagnostic, STAGE_NAMES, type StageName, TARGETS, transpile } from "./mod.ts";
import { error, hasErrors } from "./stages/diagnostics.ts";
import { stagePath } from "./stages/pipeline.ts";

const USAGE = `Usage: deno run -A cli.ts FILE_OR_DIR... [--source jax] --target TARGET [--out DIR]

Transpiles JAX / Flax NNX Python modules. Folders are walked recursively for
*.py files; each output keeps its input's path relative to the folder given.

Options:
  --source NAME   input language: ${STAGE_NAMES.join(", ")} (default: jax)
  --target NAME   output language: ${STAGE_NAMES.join(", ")}, or
                  all (= ${TARGETS.join(", ")}, written to OUT/<target>/)
  --out DIR       write OUT/<relative path>.py; without it, the one input's
                  output goes to stdout
  -h, --help      show this help

Nothing is written unless every input transpiles: problems are reported as
file:line:col: error: reason, all of them, and the exit code is 1.
Usage errors exit with 2.
`;

/** Where the CLI's text goes; tests and embedders may capture it. */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
}

/** One Python module to transpile: where it was read, and its path relative to its root. */
interface Input {
  readonly path: string;
  readonly relativePath: string;
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
  const inputs = await collectInputs(positionals);
  const out = values.out;
  if (out === undefined && targetName === "all") throw new UsageError("--target all needs --out");
  if (out === undefined && inputs.length !== 1) {
    throw new UsageError(`${inputs.length} input modules need --out (stdout takes exactly one)`);
  }

  const outputs: Output[] = [];
  let failed = false;
  for (const input of inputs) {
    const text = await Deno.readTextFile(input.path);
    const reported = new Set<string>(); // the targets share their first stages' problems
    for (const target of targets) {
      const result = transpileSafely(text, source, target, input.path);
      for (const d of result.diagnostics) {
        const message = formatDiagnostic(d, input.path, text);
        if (!reported.has(message)) io.stderr(message + "\n");
        reported.add(message);
      }
      if (hasErrors(result.diagnostics)) {
        failed = true;
        continue;
      }
      const dir = out === undefined ? "" : targetName === "all" ? join(out, target) : out;
      outputs.push({ path: join(dir, input.relativePath), text: result.code });
    }
  }
  if (failed) {
    io.stderr("jaxlate: nothing written: fix the errors above\n");
    return 1;
  }
  if (out === undefined) {
    io.stdout(outputs[0].text);
    return 0;
  }
  await writeAll(outputs);
  return 0;
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

/** Files as given (relative path: the file name) and every `*.py` under each folder, sorted. */
async function collectInputs(paths: readonly string[]): Promise<Input[]> {
  const inputs: Input[] = [];
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
      inputs.push(...found.map((p) => ({ path: p, relativePath: relative(path, p) })));
    } else {
      inputs.push({ path, relativePath: path.split(/[\\/]/).pop()! });
    }
  }
  const seen = new Map<string, string>();
  for (const input of inputs) {
    const other = seen.get(input.relativePath);
    if (other !== undefined) {
      throw new UsageError(`\`${other}\` and \`${input.path}\` would both be written to ${input.relativePath}`);
    }
    seen.set(input.relativePath, input.path);
  }
  return inputs;
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

/** `transpile`, with any exception turned into an internal-error diagnostic. */
function transpileSafely(text: string, source: StageName, target: StageName, file: string) {
  try {
    return transpile(text, { source, target });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      code: "",
      diagnostics: [error({ line: 1, col: 1 }, `internal error while transpiling ${file} to ${target}: ${reason}`)],
    };
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
