package dev.ocrcli.server;

import dev.ocrcli.engine.OcrEngine;

import java.util.List;

/** In-process servers on a free loopback port, with real engines. */
final class TestServers {
    private TestServers() {}

    static ServerConfig.Builder config(String langs) {
        return ServerConfig.builder((languages, psm) -> OcrEngine.builder().languages(languages).pageSegMode(psm))
                .host("127.0.0.1").port(0)
                .defaultLanguages(List.of(langs.split("\\+")));
    }

    /** Starts and waits until the default engines are loaded. */
    static OcrServer start(ServerConfig cfg) throws InterruptedException {
        OcrServer s = OcrServer.start(cfg);
        s.awaitReady();
        return s;
    }
}
