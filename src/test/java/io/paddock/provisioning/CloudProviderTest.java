package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

import io.paddock.PaddockConfig;
import io.paddock.PaddockConfig.Cloud.Provider;

class CloudProviderTest {

    @Test
    void refusesToStartWithTheAwsProviderWhileThereIsNoAdapter() {
        CloudProvider provider = new CloudProvider(config(Provider.AWS));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> provider.verify(null));

        assertTrue(refused.getMessage().contains("paddock.cloud.provider=aws"), refused.getMessage());
        assertTrue(refused.getMessage().contains("paddock.cloud.provider=local"), refused.getMessage());
    }

    @Test
    void startsWithTheLocalProvider() {
        new CloudProvider(config(Provider.LOCAL)).verify(null);
    }

    private static PaddockConfig config(Provider provider) {
        PaddockConfig.Cloud cloud = (PaddockConfig.Cloud) Proxy.newProxyInstance(CloudProviderTest.class.getClassLoader(),
                new Class<?>[] { PaddockConfig.Cloud.class }, (proxy, method, args) -> {
                    if (method.getName().equals("provider")) {
                        return provider;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (PaddockConfig) Proxy.newProxyInstance(CloudProviderTest.class.getClassLoader(),
                new Class<?>[] { PaddockConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("cloud")) {
                        return cloud;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
