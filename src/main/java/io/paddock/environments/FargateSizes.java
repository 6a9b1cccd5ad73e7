package io.paddock.environments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The task sizes Fargate accepts: CPU units and, for each, the memory values (MiB) allowed with it. */
public final class FargateSizes {

    private static final Map<Integer, List<Integer>> MEMORY_BY_CPU = new LinkedHashMap<>();

    static {
        MEMORY_BY_CPU.put(256, List.of(512, 1024, 2048));
        MEMORY_BY_CPU.put(512, steps(1024, 4096, 1024));
        MEMORY_BY_CPU.put(1024, steps(2048, 8192, 1024));
        MEMORY_BY_CPU.put(2048, steps(4096, 16384, 1024));
        MEMORY_BY_CPU.put(4096, steps(8192, 30720, 1024));
        MEMORY_BY_CPU.put(8192, steps(16384, 61440, 4096));
        MEMORY_BY_CPU.put(16384, steps(32768, 122880, 8192));
    }

    private FargateSizes() {
    }

    public static List<Integer> cpus() {
        return List.copyOf(MEMORY_BY_CPU.keySet());
    }

    /** The memory values allowed with this CPU, or an empty list when the CPU is not a Fargate size. */
    public static List<Integer> memoriesFor(int cpu) {
        return MEMORY_BY_CPU.getOrDefault(cpu, List.of());
    }

    public static boolean isValid(int cpu, int memory) {
        return memoriesFor(cpu).contains(memory);
    }

    /**
     * The smallest size (fewest CPU units, then least memory) that holds the given sums, honouring a CPU or
     * memory the client fixed (null: free to choose). Null when none does.
     */
    public static int[] smallestHolding(int cpuSum, int memorySum, Integer fixedCpu, Integer fixedMemory) {
        for (Map.Entry<Integer, List<Integer>> size : MEMORY_BY_CPU.entrySet()) {
            int cpu = size.getKey();
            if ((fixedCpu != null && cpu != fixedCpu) || cpu < cpuSum) {
                continue;
            }
            for (int memory : size.getValue()) {
                if ((fixedMemory == null || memory == fixedMemory) && memory >= memorySum) {
                    return new int[] { cpu, memory };
                }
            }
        }
        return null;
    }

    private static List<Integer> steps(int from, int to, int step) {
        List<Integer> values = new ArrayList<>();
        for (int v = from; v <= to; v += step) {
            values.add(v);
        }
        return List.copyOf(values);
    }
}
