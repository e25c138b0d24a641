import { closeSync, existsSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isUtf8 } from 'node:buffer'
import { StringDecoder } from 'node:string_decoder'
import { dirname, basename, join } from 'node:path'
import { runAsync } from './run'
import { IoError, type CliIo, type OutputFile, type Spill } from './io'
import { NO_PROGRESS, terminalProgress } from './progress'
import { langOfEnv } from './lang'
import { expandGlob } from './glob'

/** An I/O failure as one line: what failed, on which file, and the system's reason. */
function ioError(what: string, e: unknown): IoError {
  const err = e as NodeJS.ErrnoException
  const reason = err.code === 'ENOSPC' ? 'no space left on the device' : err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'no such file or directory' : err.code === 'EISDIR' ? 'it is a directory' : (err.message ?? String(e)).split('\n')[0]!
  return new IoError(`cannot ${what}: ${reason}${err.code ? ` (${err.code})` : ''}`, err.code)
}

const sleep = new Int32Array(new SharedArrayBuffer(4))

/**
 * Writes all of text to fd, waiting out a full non-blocking pipe (EAGAIN); a failure is an IoError. The string is
 * handed to the system as it is (no Buffer made for it: buffers of output, freed only when the collector runs,
 * would grow the process by the size of the output); only the rest of a partial write is copied.
 */
function writeAll(fd: number, text: string, what: string): void {
  let written: number
  try {
    written = writeSync(fd, text)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw ioError(what, e)
    written = 0
  }
  const bytes = written === text.length && !/[^\x00-\x7f]/.test(text) ? undefined : Buffer.from(text, 'utf8')
  if (bytes === undefined || written >= bytes.length) return
  let at = written
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(sleep, 0, 0, 2)
        continue
      }
      throw ioError(what, e)
    }
  }
}

/** The bytes of a file ('-': standard input) in pieces of 64 KB, as they are read (larger pieces, decoded, would be strings the collector keeps longer). */
function* chunks(path: string): Generator<Uint8Array> {
  let fd: number
  try {
    fd = path === '-' ? 0 : openSync(path, 'r')
  } catch (e) {
    throw ioError(`read ${path}`, e)
  }
  try {
    if (path !== '-' && fstatSync(fd).isDirectory()) throw ioError(`read ${path}`, { code: 'EISDIR' })
    // one buffer, read into again and again: a reader keeps a piece only by copying it (see CliIo.chunks)
    const buffer = Buffer.allocUnsafe(1 << 16)
    for (;;) {
      let n: number
      try {
        n = readSync(fd, buffer, 0, buffer.length, null)
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        if (code === 'EAGAIN') {
          Atomics.wait(sleep, 0, 0, 2)
          continue
        }
        if (code === 'EOF') break
        throw ioError(`read ${path === '-' ? 'standard input' : path}`, e)
      }
      if (n === 0) break
      yield buffer.subarray(0, n)
    }
  } finally {
    if (path !== '-') closeSync(fd)
  }
}

/** A file written whole or not at all: a temporary file beside it, renamed over it when complete. */
function create(path: string): OutputFile {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.kaoping-partial`)
  let fd: number | undefined
  try {
    fd = openSync(temp, 'wx')
  } catch (e) {
    throw ioError(`write ${path}`, e)
  }
  const close = () => {
    if (fd !== undefined) closeSync(fd)
    fd = undefined
  }
  return {
    write: (text) => writeAll(fd!, text, `write ${path}`),
    writeBytes(bytes) {
      let at = 0
      while (at < bytes.length) {
        try {
          at += writeSync(fd!, bytes, at, bytes.length - at)
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
            Atomics.wait(sleep, 0, 0, 2)
            continue
          }
          throw ioError(`write ${path}`, e)
        }
      }
    },
    commit() {
      close()
      try {
        renameSync(temp, path)
      } catch (e) {
        rmSync(temp, { force: true })
        throw ioError(`write ${path}`, e)
      }
    },
    abort() {
      close()
      rmSync(temp, { force: true })
    },
  }
}

/** Scratch space: a temporary file, removed when disposed of. */
function spill(): Spill {
  let dir: string
  try {
    dir = mkdtempSync(join(tmpdir(), 'kaoping-'))
  } catch (e) {
    throw ioError('make a temporary file', e)
  }
  const path = join(dir, 'spill.ndjson')
  let fd: number | undefined = openSync(path, 'w')
  let buffer = ''
  const flush = () => {
    if (buffer) writeAll(fd!, buffer, 'write a temporary file')
    buffer = ''
  }
  return {
    write(text) {
      buffer += text
      if (buffer.length >= 1 << 16) flush()
    },
    *read() {
      flush()
      closeSync(fd!)
      fd = undefined
      const decoder = new StringDecoder('utf8')
      for (const c of chunks(path)) yield decoder.write(c as Buffer)
      const last = decoder.end()
      if (last) yield last
    },
    dispose() {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
      try {
        unlinkSync(path)
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The progress bar being drawn, if any: cleared before anything else is written to standard error. */
let bar: ReturnType<typeof terminalProgress> | undefined

const io: CliIo = {
  stdout: (t) => writeAll(1, t, 'write the output'),
  stderr: (t) => {
    bar?.clear()
    writeAll(2, t, 'write to standard error')
  },
  // a bar only on a terminal: piped or redirected, standard error gets diagnostics alone
  progress: () => (process.stderr.isTTY ? (bar = terminalProgress((t) => writeAll(2, t, 'write to standard error'), () => performance.now(), () => process.stderr.columns ?? 80)) : NO_PROGRESS),
  readFile: (p) => readFileSync(p, 'utf8'),
  readBytes: (p) => readFileSync(p),
  size: (p) => statSync(p).size,
  exists: existsSync,
  // `**`, `{a,b}` and `*/` as a shell with globstar expands them, for a pattern quoted so that the shell does not
  glob: (pattern) => expandGlob(pattern, process.cwd()),
  realpath: (p) => realpathSync(p),
  chunks,
  create,
  lang: langOfEnv(process.env),
  mkdir: (p) => {
    try {
      mkdirSync(p, { recursive: true })
    } catch (e) {
      throw ioError(`make the directory ${p}`, e)
    }
  },
  spill,
  decodeUtf8: (bytes) => (isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : undefined),
}

let interrupted = false
process.on('SIGINT', () => {
  // a second interrupt ends at once
  if (interrupted) process.exit(130)
  interrupted = true
})

runAsync(process.argv.slice(2), io, () => interrupted).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`kaoping: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exitCode = 70
  },
)
