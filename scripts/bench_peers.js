// Peers for scripts/bench: the JavaScript NLP libraries a user might reach for instead of
// kimput, run single-threaded over a folder of articles (one per file), doing what kimput
// extract does as far as each can. Prints one JSON line of counts on stdout.
//
//   NODE_PATH=~/.cache/kimput-bench/node_modules node scripts/bench_peers.js compromise DIR
//   NODE_PATH=~/.cache/kimput-bench/node_modules node scripts/bench_peers.js wink DIR
//
// compromise: people, places, organizations, quotations. wink-nlp with its English lite
// model: sentences, entities (the lite model has no person/place/organisation types).
'use strict';
const fs = require('fs');
const path = require('path');

const [which, dir] = process.argv.slice(2);
if (!which || !dir) {
  process.stderr.write('usage: bench_peers.js compromise|wink DIR\n');
  process.exit(2);
}

function files(d) {  // like kimput: recursive, sorted, hidden entries skipped
  const out = [];
  for (const name of fs.readdirSync(d).sort()) {
    if (name.startsWith('.')) continue;
    const p = path.join(d, name);
    const st = fs.statSync(p);
    if (st.isDirectory()) out.push(...files(p));
    else if (st.isFile()) out.push(p);
  }
  return out;
}

const counts = { peer: which, docs: 0, bytes: 0 };
const add = (k, n) => { counts[k] = (counts[k] || 0) + n; };
let run;
if (which === 'compromise') {
  const nlp = require('compromise');
  run = (text) => {
    const doc = nlp(text);
    add('people', doc.people().length);
    add('places', doc.places().length);
    add('organizations', doc.organizations().length);
    add('quotations', doc.quotations().length);
  };
} else if (which === 'wink') {
  const winkNLP = require('wink-nlp');
  const model = require('wink-eng-lite-web-model');
  const nlp = winkNLP(model);
  const its = nlp.its;
  run = (text) => {
    const doc = nlp.readDoc(text);
    add('sentences', doc.sentences().length());
    const types = doc.entities().out(its.type);
    add('entities', types.length);
    for (const t of types) add('entity_' + t, 1);
  };
} else {
  process.stderr.write(`bench_peers.js: unknown peer ${which}\n`);
  process.exit(2);
}

for (const f of files(dir)) {
  const text = fs.readFileSync(f, 'utf8');
  run(text);
  counts.docs += 1;
  counts.bytes += Buffer.byteLength(text);
}
process.stdout.write(JSON.stringify(counts) + '\n');
