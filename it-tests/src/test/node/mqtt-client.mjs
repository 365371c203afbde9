// MQTT.js over WebSocket.
//   roundtrip <url> <version 3|4|5> <topic>   subscribe, publish at QoS 1 to the same topic, print what comes back
//   publish <url> <topic> <payload>            publish one message at QoS 1, print "published", disconnect
//   subscribe <url> <filter> <count>           print "subscribed" once the SUBACK came, then each message, until
//                                              <count> arrived
//   stay <url>                                 connect with MQTT 5, print "connected", then the reason code of the
//                                              server's DISCONNECT and "closed" when the connection ends
import mqtt from 'mqtt';
import { done, emit, fail, run } from './common.mjs';

// MQTT 3.1 clients name the protocol MQIsdp, and MQTT.js then offers the WebSocket subprotocol mqttv3.1.
function connect(url, version) {
  const options = { protocolVersion: version, reconnectPeriod: 0, connectTimeout: 10000, clean: true };
  if (version === 3) {
    options.protocolId = 'MQIsdp';
  }
  const client = mqtt.connect(url, options);
  client.on('error', fail);
  return new Promise((resolve) => client.once('connect', () => resolve(client)));
}

async function roundtrip(url, version, topic) {
  const client = await connect(url, Number(version));
  client.on('message', (received, payload) => {
    emit('received', received, payload.toString('utf8'));
    client.end(false, {}, done);
  });
  await client.subscribeAsync(topic, { qos: 1 });
  await client.publishAsync(topic, `hello over WebSocket from MQTT.js ${version}`, { qos: 1 });
}

async function publish(url, topic, payload) {
  const client = await connect(url, 4);
  await client.publishAsync(topic, payload, { qos: 1 });
  emit('published', topic);
  client.end(false, {}, done);
}

async function subscribe(url, filter, count) {
  const client = await connect(url, 4);
  let left = Number(count);
  client.on('message', (topic, payload) => {
    emit('message', topic, payload.toString('utf8'));
    if (--left === 0) {
      client.end(false, {}, done);
    }
  });
  await client.subscribeAsync(filter, { qos: 1 });
  emit('subscribed', filter);
}

async function stay(url) {
  const client = await connect(url, 5);
  client.on('disconnect', (packet) => emit('disconnect', packet.reasonCode));
  client.on('close', () => {
    emit('closed');
    client.end(true, {}, done);
  });
  emit('connected');
}

await run({ roundtrip, publish, subscribe, stay });
