package io.junction.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request/reply for every pair of requester and responder protocols that carry reply-to and correlation id: the
 * requester names a reply address (a topic, a queue, or its temporary queue where the protocol has them), the
 * responder answers to the reply-to it was given, in its own syntax, echoing the correlation id, and the requester
 * gets the answer.
 */
class RequestReplyTest {
    @RegisterExtension
    static final Gateway gateway = Clients.gateway();
    @RegisterExtension
    static final ClientPool clients = new ClientPool(gateway);

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Protocol requester : Clients.AVAILABLE) {
            for (Protocol responder : Clients.AVAILABLE) {
                if (canRequest(requester) && canRequest(responder)) {
                    for (Address.Kind reply : List.of(Address.Kind.TOPIC, Address.Kind.QUEUE,
                            Address.Kind.TEMP_QUEUE)) {
                        pairs.add(Arguments.of(requester, responder, reply));
                    }
                }
            }
        }
        return pairs.stream();
    }

    private static boolean canRequest(Protocol protocol) {
        return Field.REPLY_TO.carriedBy(protocol) && Field.CORRELATION_ID.carriedBy(protocol);
    }

    @ParameterizedTest(name = "{0} requester, {1} responder, reply to a {2}")
    @MethodSource("pairs")
    void requesterGetsTheAnswer(Protocol requesterProtocol, Protocol responderProtocol, Address.Kind replyKind) {
        MappingClient requester = clients.get("requester", requesterProtocol);
        MappingClient responder = clients.get("responder", responderProtocol);
        Address requests = Address.topic(Names.unique("rpc/requests"));
        responder.subscribe(requests);
        Address reply = switch (replyKind) {
            case TOPIC, QUEUE -> {
                Address address = new Address(replyKind, Names.unique("rpc/replies"), null);
                requester.subscribe(address);
                yield address;
            }
            case TEMP_QUEUE -> requester.temporaryQueue(Names.unique("replies"));
            case SHARED -> throw new AssertionError("not a reply address");
        };
        assumeTrue(reply != null, requesterProtocol + " has no temporary queues");
        byte[] correlation = Names.unique("corr").getBytes(StandardCharsets.UTF_8);
        requester.publish(requests, new Envelope().payload("question".getBytes(StandardCharsets.UTF_8))
                .replyTo(reply).correlationId(correlation).guarantee(1));

        Envelope request = responder.receive(requests);
        assertThat(request.replyTo()).as("reply-to in the responder's syntax").isNotNull();
        assertThat(request.correlationId()).containsExactly(correlation);
        responder.publish(request.replyTo(), new Envelope().payload("answer".getBytes(StandardCharsets.UTF_8))
                .correlationId(request.correlationId()).guarantee(1));

        Envelope answer = requester.receive(reply);
        assertThat(answer.payload()).containsExactly("answer".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.correlationId()).containsExactly(correlation);
    }
}
