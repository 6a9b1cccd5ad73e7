package io.paddock.provisioning.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image of the aws provider needs from the AWS SDK jars on the class path, checked without
 * building one: every class the SDK loads by name has been looked at (and registered where Paddock can reach
 * it), and every resource the SDK reads is included by some native-image resource configuration.
 */
class AwsNativeImageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The SDK classes that load classes by name or go through its class-loader helper, with what they load and
     * why a native image of Paddock is fine with it. An SDK upgrade that adds one fails this test until it has
     * been looked at the same way.
     */
    private static final Map<String, String> REVIEWED = Map.ofEntries(
            Map.entry("software/amazon/awssdk/auth/credentials/internal/WebIdentityCredentialsUtils",
                    "STS's web identity factory: registered by the sts jar itself"),
            Map.entry("software/amazon/awssdk/auth/credentials/internal/ProfileCredentialsUtils",
                    "STS's profile factory (registered in AwsNativeImage); SSO and sign-in modules are absent"),
            Map.entry("software/amazon/awssdk/auth/token/internal/ProfileTokenProviderLoader",
                    "SSO bearer tokens: the sso modules are absent, Paddock signs with SigV4 only"),
            Map.entry("software/amazon/awssdk/auth/signer/SignerLoader",
                    "CRT signers for SigV4a: not used by the services Paddock calls"),
            Map.entry("software/amazon/awssdk/http/nio/netty/internal/DnsResolverLoader",
                    "Netty's non-blocking DNS resolver: only when enabled on the builder, which Paddock does not"),
            Map.entry("software/amazon/awssdk/http/nio/netty/internal/utils/ChannelResolver",
                    "compares event loop class names; Paddock uses the SDK's default NIO event loop"),
            Map.entry("software/amazon/awssdk/thirdparty/jackson/core/util/VersionUtil",
                    "version lookup of the shaded Jackson core, never on a request path"),
            Map.entry("software/amazon/awssdk/core/interceptor/ClasspathInterceptorChainFactory",
                    "interceptors listed in execution.interceptors resources: none in these jars"),
            Map.entry("software/amazon/awssdk/core/internal/util/Mimetype", "reads the mime.types resource"),
            Map.entry("software/amazon/awssdk/core/internal/util/ClassLoaderHelper", "the helper itself"),
            Map.entry("software/amazon/awssdk/core/internal/util/HttpChecksumUtils",
                    "CRT's CRC64NVME when present: absent, the SDK skips it"),
            Map.entry("software/amazon/awssdk/core/internal/useragent/UserAgentLangValues",
                    "probes for JVM languages to name in the user agent; absent ones are skipped"),
            Map.entry("software/amazon/awssdk/core/internal/http/loader/SystemPropertyHttpServiceProvider",
                    "an HTTP client named by system property: Paddock passes its Netty client explicitly"),
            Map.entry("software/amazon/awssdk/core/internal/http/loader/SdkServiceLoader",
                    "ServiceLoader for HTTP services: netty-nio-client and url-connection-client register theirs"),
            Map.entry("software/amazon/awssdk/utils/DependencyValidate", "checks optional modules, loads nothing"),
            Map.entry("software/amazon/awssdk/utils/ClassLoaderHelper", "the helper itself"),
            Map.entry("software/amazon/awssdk/utils/internal/ClassLoaderHelperTestBackdoor", "test hook, unused"),
            Map.entry("software/amazon/awssdk/checksums/internal/ConstructorCache",
                    "CRT checksum classes when present: absent"));

    /** Every service's generated partition provider reads the partitions resource through the helper. */
    private static final Pattern PARTITION_PROVIDER = Pattern
            .compile("software/amazon/awssdk/services/\\w+/endpoints/internal/DefaultPartitionDataProvider");

    @Test
    void everyClassTheSdkLoadsByNameHasBeenReviewed() {
        Set<String> unreviewed = new TreeSet<>();
        int scanned = 0;
        for (JarFile jar : sdkJars()) {
            try (jar) {
                for (JarEntry entry : entries(jar)) {
                    if (!entry.getName().endsWith(".class")) {
                        continue;
                    }
                    scanned++;
                    String name = entry.getName().replaceAll("(\\$.*)?\\.class$", "");
                    if (REVIEWED.containsKey(name) || PARTITION_PROVIDER.matcher(name).matches()) {
                        continue;
                    }
                    String constants = new String(read(jar, entry), StandardCharsets.ISO_8859_1);
                    if (constants.contains("ClassLoaderHelper") || constants.contains("forName")
                            || constants.contains("loadClass")) {
                        unreviewed.add(name);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(scanned).as("SDK classes scanned").isGreaterThan(10_000);
        assertThat(unreviewed).as("SDK classes that load classes by name, not yet reviewed for native image").isEmpty();
    }

    @Test
    void everySdkResourceIsIncludedByANativeImageResourceConfiguration() {
        List<Pattern> includes = resourceIncludes();
        List<String> resources = new ArrayList<>();
        for (JarFile jar : sdkJars()) {
            try (jar) {
                for (JarEntry entry : entries(jar)) {
                    String name = entry.getName();
                    if (name.startsWith("software/amazon/awssdk/") && !entry.isDirectory() && !name.endsWith(".class")) {
                        resources.add(name);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(resources).contains("software/amazon/awssdk/regions/internal/region/endpoints.json",
                "software/amazon/awssdk/awscore/internal/defaults/sdk-default-configuration.json");
        assertThat(resources)
                .as("SDK resources no native-image resource configuration includes")
                .allMatch(resource -> includes.stream().anyMatch(include -> include.matcher(resource).matches()));
    }

    @Test
    void classesRegisteredByNameExist() throws ClassNotFoundException {
        String[] names = AwsNativeImage.class.getAnnotation(RegisterForReflection.class).classNames();
        assertThat(names).isNotEmpty();
        for (String name : names) {
            assertThat(Class.forName(name, false, getClass().getClassLoader())).isNotNull();
        }
    }

    /** The include patterns of every resource-config.json on the class path, in both of their formats. */
    private static List<Pattern> resourceIncludes() {
        List<Pattern> includes = new ArrayList<>();
        for (String path : classPath()) {
            if (!path.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(path)) {
                for (JarEntry entry : entries(jar)) {
                    if (entry.getName().startsWith("META-INF/native-image/")
                            && entry.getName().endsWith("/resource-config.json")) {
                        JsonNode resources = JSON.readTree(read(jar, entry)).path("resources");
                        JsonNode list = resources.isArray() ? resources : resources.path("includes");
                        list.forEach(include -> includes.add(Pattern.compile(include.path("pattern").asText())));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(includes).as("resource includes found").isNotEmpty();
        return includes;
    }

    private static List<JarFile> sdkJars() {
        List<JarFile> jars = new ArrayList<>();
        for (String path : classPath()) {
            if (path.endsWith(".jar") && path.replace(File.separatorChar, '/').contains("/software/amazon/awssdk/")) {
                try {
                    jars.add(new JarFile(path));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        assertThat(jars).as("AWS SDK jars on the test class path").hasSizeGreaterThan(20);
        return jars;
    }

    /**
     * The jars on the class path, found through their manifests: Surefire may start the JVM with a manifest-only
     * jar, so {@code java.class.path} does not list them.
     */
    private static List<String> classPath() {
        List<String> jars = new ArrayList<>();
        try {
            Enumeration<URL> manifests = AwsNativeImageTest.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                String url = manifests.nextElement().toString();
                if (url.startsWith("jar:file:") && url.contains("!/")) {
                    jars.add(Path.of(URI.create(url.substring("jar:".length(), url.indexOf("!/")))).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jars;
    }

    private static List<JarEntry> entries(JarFile jar) {
        List<JarEntry> all = new ArrayList<>();
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
            all.add(e.nextElement());
        }
        return all;
    }

    private static byte[] read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
