#!/usr/bin/python3
"""The documentation's examples, run: every ```sql block of README.md and
docs/*.md is executed with psql, and its output compared with the ```text
block that follows it (only blank lines between).  A ```sql block with no
```text block after it must print nothing (psql -q prints no command tags,
so a CREATE or an INSERT prints nothing; an error does).  ```sh blocks and
fences without a language are not run.

Each document runs in a database of its own, created fresh from template0
(UTF8, locale C), in one psql session, blocks in the order of the text:
    psql -X -q -P footer=off -v SHOW_CONTEXT=never  with  PGTZ=UTC, PGDATESTYLE='ISO, MDY', lc_messages=C
Markers (HTML comments, invisible on GitHub) on a line of their own:
    <!-- doctest: demo -->      load the demo organization (test/demo/*.sql,
                                as `make demo` does) before the next block;
                                the database then has the extension
    <!-- doctest: skip REASON --> do not run the next ```sql block (say why)
Comparison ignores white space at the end of lines and blank lines at the
end of a block; "server process with PID 1234" matches any PID.

    test/with-cluster.sh test/t/doctest.py [--update] [FILE.md ...]
--update writes the actual output into the documents (adding a ```text block
where one is missing): for writing documentation, then read the diff.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINDIR = subprocess.run([os.environ.get('PG_CONFIG', 'pg_config'), '--bindir'],
                        capture_output=True, text=True, check=True).stdout.strip()
MARKER = re.compile(r'^<!--\s*doctest:\s*(demo|skip)\b\s*(.*?)\s*-->\s*$')
FENCE = re.compile(r'^```(\w*)\s*$')


class Block:
    def __init__(self, lang, start, end, body):
        self.lang, self.start, self.end, self.body = lang, start, end, body
        self.expected = None		# the Block of its ```text output
        self.demo = False
        self.skip = None


def parse(lines):
    """The fenced blocks of a document, with their markers."""
    blocks, pending = [], {}
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if m:
            pending[m.group(1)] = m.group(2) or 'no reason given'
            i += 1
            continue
        f = FENCE.match(lines[i])
        if not f:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].rstrip() != '```':
            j += 1
        if j == len(lines):
            raise SystemExit(f'unterminated ``` block at line {i + 1}')
        b = Block(f.group(1), i, j, lines[i + 1:j])
        if b.lang == 'sql':
            b.demo = 'demo' in pending
            b.skip = pending.get('skip')
            pending = {}
        elif b.lang == 'text' and blocks and blocks[-1].lang == 'sql' and \
                blocks[-1].expected is None and \
                all(not l.strip() for l in lines[blocks[-1].end + 1:i]):
            blocks[-1].expected = b
        blocks.append(b)
        i = j + 1
    if 'demo' in pending:	# a demo marker with no block after it
        raise SystemExit('a "doctest: demo" marker is not followed by a ```sql block')
    return [b for b in blocks if b.lang == 'sql']


def normalize(lines):
    out = [re.sub(r'server process with PID \d+', 'server process with PID <pid>',
                  l.rstrip()) for l in lines]
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return out


def psql(*args, **kw):
    return subprocess.run([os.path.join(BINDIR, 'psql'), '-X', '-q', *args], **kw)


def load_demo(db):
    psql('-v', 'ON_ERROR_STOP=1', '-d', db, '-c', 'CREATE EXTENSION IF NOT EXISTS isms',
         check=True, capture_output=True)
    for f in sorted(glob.glob(os.path.join(ROOT, 'test/demo/[0-9]*.sql'))):
        r = psql('-v', 'ON_ERROR_STOP=1', '-d', db, '-f', f, capture_output=True, text=True,
                 cwd=ROOT)
        if r.returncode != 0:
            raise SystemExit(f'the demo does not load ({f}):\n{r.stderr}')


def run_document(path, update):
    """Runs the ```sql blocks of one document; returns its failures."""
    with open(path, encoding='utf-8') as fh:
        lines = fh.read().split('\n')
    blocks = parse(lines)
    rel = os.path.relpath(path, ROOT)
    run = [b for b in blocks if b.skip is None]
    for b in blocks:
        if b.skip is not None:
            print(f'  {rel}:{b.start + 1}: not run: {b.skip}')
    if not run:
        return []
    db = 'isms_doctest_' + re.sub(r'\W', '_', rel.lower())
    env = dict(os.environ, PGTZ='UTC', PGDATESTYLE='ISO, MDY', PGCLIENTENCODING='UTF8',
               PGOPTIONS='-c lc_messages=C -c intervalstyle=postgres', PGDATABASE=db)
    subprocess.run([os.path.join(BINDIR, 'dropdb'), '--if-exists', db],
                   check=True, env=env, capture_output=True)
    # roles are the cluster's: those a document creates (a login in a grant
    # recipe) are dropped after it, so that it runs again as typed
    roles_before = set(psql('-Atc', 'SELECT rolname FROM pg_roles', '-d', 'postgres',
                            capture_output=True, text=True, check=True).stdout.split())
    subprocess.run([os.path.join(BINDIR, 'createdb'), '-T', 'template0', '-E', 'UTF8',
                    '--locale=C', db], check=True, env=env)
    try:
        outputs = {}
        with tempfile.TemporaryDirectory() as cwd:
            # psql runs in a directory of its own (an example may write files
            # with \o), where test/ is the repository's (examples read
            # test/data/ files as in the repository's root directory)
            os.symlink(os.path.join(ROOT, 'test'), os.path.join(cwd, 'test'))
            # The demo may be asked for before any block: then it is loaded
            # first; otherwise the session stops where it is asked for and
            # a new one continues (settings of the first are lost: a demo
            # marker belongs before the document's first block).
            segments, seg = [], []
            for b in run:
                if b.demo and seg:
                    segments.append(seg)
                    seg = []
                seg.append(b)
            segments.append(seg)
            for seg in segments:
                if seg[0].demo:
                    load_demo(db)
                script = []
                for n, b in enumerate(seg):
                    script.append(f'\\echo @@doctest {n}@@')
                    script.extend(b.body)
                    script.append('')
                script.append('\\echo @@doctest end@@')
                r = subprocess.run([os.path.join(BINDIR, 'psql'), '-X', '-q', '-P', 'footer=off', '-v', 'SHOW_CONTEXT=never', '-d', db],
                                   input='\n'.join(script) + '\n', capture_output=False,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, env=env, cwd=cwd)
                parts = re.split(r'^@@doctest (\d+|end)@@\n', r.stdout, flags=re.M)
                # parts: [before, n, text, n, text, ..., 'end', after]
                for k in range(1, len(parts) - 1, 2):
                    if parts[k] != 'end':
                        outputs[id(seg[int(parts[k])])] = parts[k + 1].split('\n')
    finally:
        subprocess.run([os.path.join(BINDIR, 'dropdb'), '--if-exists', db],
                       env=env, capture_output=True)
        roles_after = set(psql('-Atc', 'SELECT rolname FROM pg_roles', '-d', 'postgres',
                               capture_output=True, text=True, check=True).stdout.split())
        for role in sorted(roles_after - roles_before):
            psql('-d', 'postgres', '-c', 'DROP ROLE "%s"' % role.replace('"', '""'), capture_output=True)
    failures = []
    edits = []
    for b in run:
        got = normalize(outputs.get(id(b), ['(the block did not finish: an unterminated statement?)']))
        want = normalize(b.expected.body if b.expected else [])
        if got == want:
            continue
        if update:
            edits.append((b, got))
            continue
        import difflib
        diff = '\n'.join(difflib.unified_diff(want, got, 'shown in the text', 'psql printed',
                                              lineterm=''))
        where = f'{rel}:{b.start + 1}'
        failures.append(f'{where}: the output of the ```sql block at line {b.start + 1} '
                        f'differs from {"the ```text block at line " + str(b.expected.start + 1) if b.expected else "nothing (no ```text block follows)"}:\n'
                        + '\n'.join('    ' + l for l in diff.split('\n')))
    if edits:
        for b, got in reversed(edits):	# from the end, so line numbers hold
            if b.expected:
                lines[b.expected.start + 1:b.expected.end] = got
            elif got:
                lines[b.end + 1:b.end + 1] = ['```text', *got, '```']
        with open(path, 'w', encoding='utf-8') as fh:
            fh.write('\n'.join(lines))
        print(f'  updated {len(edits)} outputs in {rel}')
    return failures


def main():
    args = sys.argv[1:]
    update = '--update' in args
    docs = [a for a in args if a != '--update'] or \
        [os.path.join(ROOT, 'README.md')] + sorted(glob.glob(os.path.join(ROOT, 'docs/*.md')))
    failures = []
    for d in docs:
        if not os.path.exists(d):
            continue
        f = run_document(os.path.abspath(d), update)
        n = len(parse(open(d, encoding='utf-8').read().split('\n')))
        print(f'{"ok" if not f else "FAILED"}: {os.path.relpath(d, ROOT)} ({n} SQL blocks)')
        failures.extend(f)
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
