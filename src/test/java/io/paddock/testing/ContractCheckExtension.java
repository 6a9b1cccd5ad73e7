package io.paddock.testing;

import java.lang.reflect.InvocationTargetException;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts {@link QuantAnswers} on every test, registered for all of them by JUnit's extension auto-detection
 * (META-INF/services; Quarkus's JUnit configuration turns the detection on). A {@code @QuarkusTest} runs in Quarkus's
 * class loader with its own REST Assured, so the check is installed and verified through the test class's own
 * loader, never this extension's.
 */
public class ContractCheckExtension implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        call(context, "install");
        call(context, "reset");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        call(context, "verify");
    }

    private static void call(ExtensionContext context, String method) throws Exception {
        Class<?> answers = Class.forName(QuantAnswers.class.getName(), true,
                context.getRequiredTestClass().getClassLoader());
        try {
            answers.getMethod(method).invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
