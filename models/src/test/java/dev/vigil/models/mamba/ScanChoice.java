package dev.vigil.models.mamba;

import ai.djl.Device;

/** Prints the CPU scan {@link SelectiveScan#forDevice} picks in this JVM: run by {@code VectorApiFallbackTest}. */
final class ScanChoice {
    private ScanChoice() {
    }

    public static void main(String[] args) {
        System.out.println(SelectiveScan.forDevice(Device.cpu()).getClass().getSimpleName());
    }
}
