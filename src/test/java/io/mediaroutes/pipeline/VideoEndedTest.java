package io.mediaroutes.pipeline;

/** In Connector mode the service's callback (mediaroutes.service.callback-url) delivers (route video-ended). */
class VideoEndedTest extends DeliveredWithoutThePoll {
}
