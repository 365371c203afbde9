// rhea (AMQP 1.0) over WebSocket, with ws as Node's WebSocket and the subprotocol amqp.
//   roundtrip <url> <address>          attach a receiver and a sender to the address, print what comes back
//   publish <url> <address> <body>     send one message, print "published" once it is accepted, close
//   subscribe <url> <address> <count> print "subscribed" once the receiver is attached, then each message, until
//                                      <count> arrived
import rhea from 'rhea';
import WebSocket from 'ws';
import { done, emit, fail, run } from './common.mjs';

function connect(url) {
  const container = rhea.create_container({ id: `junction-it-${process.pid}` });
  const websocket = container.websocket_connect(WebSocket);
  const connection = container.connect({
    connection_details: websocket(url, ['amqp']),
    hostname: new URL(url).hostname,
    reconnect: false,
    idle_time_out: 10000,
  });
  connection.on('connection_error', (context) => fail(`connection error ${context.connection.error?.description}`));
  connection.on('disconnected', (context) => {
    if (!context.connection.is_closed()) {
      fail(`disconnected ${context.error?.message ?? ''}`);
    }
  });
  return connection;
}

function close(connection) {
  connection.once('connection_close', done);
  connection.close();
}

function text(body) {
  return typeof body === 'string' ? body : Buffer.from(body.content ?? body).toString('utf8');
}

function roundtrip(url, address) {
  const connection = connect(url);
  const receiver = connection.open_receiver(address);
  receiver.on('message', (context) => {
    emit('received', address, text(context.message.body));
    close(connection);
  });
  receiver.once('receiver_open', () => {
    const sender = connection.open_sender(address);
    sender.once('sendable', () => sender.send({ body: 'hello over WebSocket from rhea' }));
  });
}

function publish(url, address, body) {
  const connection = connect(url);
  const sender = connection.open_sender(address);
  sender.once('sendable', () => sender.send({ body }));
  sender.on('accepted', () => {
    emit('published', address);
    close(connection);
  });
  sender.on('rejected', (context) => fail(`rejected ${context.delivery.remote_state?.error?.description}`));
}

function subscribe(url, address, count) {
  const connection = connect(url);
  let left = Number(count);
  const receiver = connection.open_receiver(address);
  receiver.once('receiver_open', () => emit('subscribed', address));
  receiver.on('message', (context) => {
    emit('message', address, text(context.message.body));
    if (--left === 0) {
      close(connection);
    }
  });
}

await run({ roundtrip, publish, subscribe });
