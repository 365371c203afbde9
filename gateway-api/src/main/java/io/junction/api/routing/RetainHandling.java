package io.junction.api.routing;

/** Whether a new subscription receives the retained messages that match it (MQTT 5 retain handling). */
public enum RetainHandling {
    /** Send matching retained messages when subscribing (option 0, and MQTT 3.1.1). */
    SEND,
    /** Send them only if the subscription did not exist before (option 1). */
    SEND_IF_NEW,
    /** Never send them (option 2). */
    DONT_SEND
}
