// tokio: the seeds' downloader (seed 003), fixed: main drops the original `item_tx` once every
// download task has its clone, so the consumer's `recv` returns None after the last download.
//
//   drop(item_tx);
//
// What simcc reports: nothing; the consumer gets both items.
// Buggy twin: mpsc-downloader-leaked-sender.ts
import { scenario, spawn, sleep, mpsc, drop, assert } from 'simcc/tokio';

export default scenario('tokio: downloader drops item_tx (fixed)', async () => {
  const [itemTx, itemRx] = mpsc.channel<string>(8, 'items');
  for (const url of ['a', 'b']) {
    const tx = itemTx.clone();
    spawn(async () => {
      await sleep(5); // download(url)
      (await tx.send(`page ${url}`)).unwrap();
    }, { name: `download-${url}`, move: [tx] });
  }
  await drop(itemTx); // the fix
  const consumer = spawn(async () => {
    const items: string[] = [];
    for await (const item of itemRx) items.push(item);
    return items.length;
  }, { name: 'consumer', move: [itemRx] });
  assert((await consumer.join()).unwrap() === 2, 'the consumer got every item');
});
