package io.paddock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.Temporal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.paddock.audit.AuditDtos;
import io.paddock.auth.ApiTokenDtos;
import io.paddock.catalog.CatalogDtos;
import io.paddock.environments.Compose;
import io.paddock.cron.CronDtos;
import io.paddock.environments.EnvironmentDtos;
import io.paddock.scaling.ScalingPolicyDtos;
import io.paddock.volumes.VolumeDtos;
import io.paddock.errors.ApiError;
import io.paddock.events.EnvironmentEvent;
import io.paddock.provisioning.ContainerPort;
import io.paddock.provisioning.Provisioned;
import io.paddock.provisioning.Workload;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image needs of Paddock's own classes and can be checked without building one: Jackson's types
 * are registered for reflection, no class keeps run-time state in a static field (the native build runs static
 * initialisers at build time and freezes their results into the binary), and nothing reaches for reflection,
 * proxies or native libraries behind Quarkus's back.
 */
class NativeReadinessTest {

    /**
     * The types Jackson reads or writes outside a resource method's signature: the request and response bodies
     * (some are Response entities), the error body, and what EnvironmentService stores and provisioning digests
     * as JSON.
     */
    private static final List<Class<?>> JSON_ROOTS = List.of(ApiTokenDtos.class, AuditDtos.class, CatalogDtos.class,
            EnvironmentDtos.class, VolumeDtos.class, CronDtos.class, ScalingPolicyDtos.class, ApiError.class, Compose.class,
            Provisioned.class, Workload.class, ContainerPort.TaskVolume.class, EnvironmentEvent.class);

    @Test
    void everyPaddockTypeJacksonReachesIsRegisteredForReflection() {
        List<String> unregistered = jsonTypes().stream()
                .filter(type -> !registered(type))
                .map(Class::getName)
                .toList();
        assertThat(jsonTypes()).contains(Compose.Container.class, Provisioned.VolumeRef.class, ApiError.Detail.class);
        assertThat(unregistered).as("types Jackson reflects over without @RegisterForReflection").isEmpty();
    }

    @Test
    void noClassKeepsRunTimeStateInAStaticField() {
        List<Class<?>> runTimeState = List.of(Random.class, Clock.class, Temporal.class, UUID.class, Thread.class,
                AutoCloseable.class);
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : paddockClasses()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()
                        && runTimeState.stream().anyMatch(state -> state.isAssignableFrom(field.getType()))) {
                    offenders.add(type.getName() + "." + field.getName() + " (" + field.getType().getName() + ")");
                }
            }
        }
        assertThat(offenders).as("static fields a native build would freeze at build time").isEmpty();
    }

    @Test
    void noClassUsesReflectionProxiesOrNativeLibrariesDirectly() throws IOException {
        List<String> forbidden = List.of("java/lang/reflect/Proxy", "forName", "getDeclaredMethod", "getDeclaredMethods",
                "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor", "getDeclaredConstructors",
                "loadLibrary", "setAccessible");
        List<String> offenders = new ArrayList<>();
        for (Path file : classFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            for (String name : forbidden) {
                if (hasUtf8Constant(bytes, name)) {
                    offenders.add(classesDir().relativize(file) + " refers to " + name);
                }
            }
        }
        assertThat(offenders).as("reflection the native image is not told about").isEmpty();
    }

    private static Set<Class<?>> jsonTypes() {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Type> work = new ArrayDeque<>(JSON_ROOTS);
        while (!work.isEmpty()) {
            Type next = work.pop();
            if (next instanceof ParameterizedType parameterized) {
                work.addAll(Arrays.asList(parameterized.getActualTypeArguments()));
                next = parameterized.getRawType();
            }
            if (!(next instanceof Class<?> type) || !type.getName().startsWith("io.paddock.") || !seen.add(type)) {
                continue;
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    work.add(component.getGenericType());
                }
            } else {
                // A holder of bodies: every nested record is one.
                work.addAll(Arrays.asList(type.getDeclaredClasses()));
            }
        }
        return seen;
    }

    /** Registered itself, or nested in a class registered with its nested classes. */
    private static boolean registered(Class<?> type) {
        RegisterForReflection own = type.getAnnotation(RegisterForReflection.class);
        if (own != null) {
            return true;
        }
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            RegisterForReflection enclosing = outer.getAnnotation(RegisterForReflection.class);
            if (enclosing != null && !enclosing.ignoreNested()) {
                return true;
            }
        }
        return false;
    }

    private static List<Class<?>> paddockClasses() {
        List<Class<?>> classes = new ArrayList<>();
        for (Path file : classFiles()) {
            String name = classesDir().relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            try {
                classes.add(Class.forName(name, false, NativeReadinessTest.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return classes;
    }

    private static List<Path> classFiles() {
        try (Stream<Path> files = Files.walk(classesDir().resolve("io/paddock"))) {
            return files.filter(f -> f.toString().endsWith(".class")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** target/classes: where the main code is compiled to. */
    private static Path classesDir() {
        try {
            Path config = Path.of(PaddockConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(config.resolve("io/paddock/PaddockConfig.class")).exists();
            return config;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the class file's constant pool holds exactly this string (CONSTANT_Utf8: tag 1, u2 length, bytes). */
    private static boolean hasUtf8Constant(byte[] classFile, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] entry = new byte[text.length + 3];
        entry[0] = 1;
        entry[1] = (byte) (text.length >> 8);
        entry[2] = (byte) text.length;
        System.arraycopy(text, 0, entry, 3, text.length);
        outer: for (int i = 0; i <= classFile.length - entry.length; i++) {
            for (int j = 0; j < entry.length; j++) {
                if (classFile[i + j] != entry[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
