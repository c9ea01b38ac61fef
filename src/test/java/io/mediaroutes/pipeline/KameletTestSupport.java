package io.mediaroutes.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.test.junit5.CamelTestSupport;

/** A Camel context with nothing but the project's Kamelets (kamelets/), for the test of one Kamelet. */
abstract class KameletTestSupport extends CamelTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("kamelet", KameletComponent.class).setLocation("file:kamelets");
        return context;
    }
}
