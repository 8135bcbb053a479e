// Child process for the crash test: run with `node -r ./local/register`. Writes in a loop and prints
// `ACK <id>` only after the SDK call resolved (i.e. after the emulator acknowledged the write).
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const db = cloud.database();
const _ = db.command;
const round = process.argv[2];

async function main() {
  await db.createCollection('log').catch(() => undefined);
  await db.collection('log').doc('counter').set({ data: { n: 0, round } }).catch(() => undefined);
  process.stdout.write('READY\n');
  for (let i = 0; ; i += 1) {
    const id = `r${round}-${i}`;
    await db.collection('log').add({ data: { _id: id, i, pad: 'x'.repeat((i * 37) % 900) } });
    process.stdout.write(`ACK ${id}\n`);
    if (i % 5 === 0) {
      await db.collection('log').doc(id).update({ data: { touched: _.inc(1) } });
      process.stdout.write(`UPD ${id}\n`);
    }
  }
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
