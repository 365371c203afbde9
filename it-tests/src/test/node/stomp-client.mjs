// STOMP.js (@stomp/stompjs) over WebSocket, with ws as Node's WebSocket.
//   roundtrip <url> <destination> <text|binary>   subscribe, send to the same destination, print what comes back;
//                                                 binary makes STOMP.js send binary WebSocket frames
//   publish <url> <destination> <body>            send one message, print "published" once its receipt came
//   subscribe <url> <destination> <count>         print "subscribed" once the subscription's receipt came, then
//                                                 each message, until <count> arrived
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';
import { done, emit, fail, run } from './common.mjs';

let stopping = false;

// STOMP.js sends no host header unless told to; the gateway accepts that by default (stomp.require-host), so the
// client connects exactly as a web application would out of the box.
function connect(url, binary) {
  return new Promise((resolve) => {
    const client = new Client({
      webSocketFactory: () => new WebSocket(url, ['v12.stomp', 'v11.stomp', 'v10.stomp']),
      forceBinaryWSFrames: binary,
      reconnectDelay: 0,
      connectionTimeout: 10000,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
      onConnect: () => resolve(client),
      onStompError: (frame) => fail(`STOMP ERROR ${frame.headers.message}`),
      onWebSocketError: (event) => fail(`WebSocket error ${event.message ?? event}`),
      onWebSocketClose: (event) => {
        if (!stopping) {
          fail(`WebSocket closed ${event.code}`);
        }
      },
    });
    client.activate();
  });
}

function stop(client) {
  stopping = true;
  client.deactivate().then(done, fail);
}

function subscribeWithReceipt(client, destination, onMessage) {
  return new Promise((resolve) => {
    const receipt = `subscribed-${destination}`;
    client.watchForReceipt(receipt, resolve);
    client.subscribe(destination, onMessage, { receipt });
  });
}

async function roundtrip(url, destination, mode) {
  const client = await connect(url, mode === 'binary');
  await subscribeWithReceipt(client, destination, (message) => {
    emit('received', message.headers.destination, message.body);
    stop(client);
  });
  client.publish({ destination, body: `hello over WebSocket from STOMP.js (${mode})` });
}

async function publish(url, destination, body) {
  const client = await connect(url, false);
  const receipt = `sent-${destination}`;
  client.watchForReceipt(receipt, () => {
    emit('published', destination);
    stop(client);
  });
  client.publish({ destination, body, headers: { receipt } });
}

async function subscribe(url, destination, count) {
  const client = await connect(url, false);
  let left = Number(count);
  await subscribeWithReceipt(client, destination, (message) => {
    emit('message', message.headers.destination, message.body);
    if (--left === 0) {
      stop(client);
    }
  });
  emit('subscribed', destination);
}

await run({ roundtrip, publish, subscribe });
