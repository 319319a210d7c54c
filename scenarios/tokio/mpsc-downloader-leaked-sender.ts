// tokio: the seeds' downloader (seed 003): one task per URL, each with a clone of `item_tx`; a
// consumer collects the items until the channel ends.
//
//   let (item_tx, mut item_rx) = mpsc::channel(8);
//   for url in urls {
//       let tx = item_tx.clone();
//       tokio::spawn(async move { tx.send(download(url).await).await.unwrap(); });
//   }
//   // BUG: the original `item_tx` is never dropped
//   let consumer = tokio::spawn(async move { while let Some(item) = item_rx.recv().await { … } });
//   consumer.await.unwrap();
//
// The bug: `recv` returns None only once every Sender is dropped. The clones end with their tasks,
// but main still holds the original while it awaits the consumer: each waits on the other.
// What simcc reports: deadlock ("'consumer' is blocked in recv of channel 'items'; its live Sender
// is held by 'main', which waits in join of task 'consumer'").
// Fixed twin: mpsc-downloader-leaked-sender-fixed.ts
import { scenario, spawn, sleep, mpsc } from 'simcc/tokio';

export default scenario({ name: 'tokio: downloader never drops item_tx', expect: ['deadlock'] }, async () => {
  const [itemTx, itemRx] = mpsc.channel<string>(8, 'items');
  for (const url of ['a', 'b']) {
    const tx = itemTx.clone();
    spawn(async () => {
      await sleep(5); // download(url)
      (await tx.send(`page ${url}`)).unwrap();
    }, { name: `download-${url}`, move: [tx] });
  }
  // BUG: no drop(itemTx) here
  const consumer = spawn(async () => {
    const items: string[] = [];
    for await (const item of itemRx) items.push(item);
    return items.length;
  }, { name: 'consumer', move: [itemRx] });
  (await consumer.join()).unwrap();
});
