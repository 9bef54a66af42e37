package io.retailseg.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The dashboard and the docs page, read from the jar with the versions of the bundled web jars
 * (ECharts, Swagger UI) filled in, so the pages load their scripts from this server, never a CDN.
 */
final class Assets {
    static final String ECHARTS_PATH = "/webjars/echarts/%s/dist/echarts.min.js";
    static final String SWAGGER_PATH = "/webjars/swagger-ui/%s/";

    private Assets() {
    }

    static byte[] dashboard() {
        return resource("/dashboard/index.html").replace("${ECHARTS_JS}", echartsScript())
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] docs() {
        return resource("/dashboard/docs.html")
                .replace("${SWAGGER}", String.format(SWAGGER_PATH, webjarVersion("org.webjars", "swagger-ui")))
                .getBytes(StandardCharsets.UTF_8);
    }

    static String echartsScript() {
        return String.format(ECHARTS_PATH, webjarVersion("org.webjars.npm", "echarts"));
    }

    /** The version of a web jar on the class path, from its Maven metadata. */
    static String webjarVersion(String group, String artifact) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("web jar " + group + ":" + artifact + " is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String path) {
        try (InputStream in = Assets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
