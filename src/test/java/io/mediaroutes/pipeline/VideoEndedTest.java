package io.mediaroutes.pipeline;

/** With the embedded Connector service, its signal that processing ended delivers (route video-ended). */
class VideoEndedTest extends DeliveredWithoutThePoll {
}
