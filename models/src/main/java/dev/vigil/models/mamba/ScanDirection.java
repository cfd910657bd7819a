package dev.vigil.models.mamba;

/**
 * The two scan directions of a (bi)Mamba mixer and how their parameters are named.
 *
 * <p>The backward names are VideoMamba's "bimamba v2" names; note that the A parameter is not a plain
 * suffix ({@code A_b_log}, not {@code A_log_b}).
 */
public enum ScanDirection {
    FORWARD("conv1d", "x_proj", "dt_proj", "A_log", "D"),
    BACKWARD("conv1d_b", "x_proj_b", "dt_proj_b", "A_b_log", "D_b");

    private final String conv;
    private final String xProj;
    private final String dtProj;
    private final String aLog;
    private final String d;

    ScanDirection(String conv, String xProj, String dtProj, String aLog, String d) {
        this.conv = conv;
        this.xProj = xProj;
        this.dtProj = dtProj;
        this.aLog = aLog;
        this.d = d;
    }

    String conv() {
        return conv;
    }

    String xProj() {
        return xProj;
    }

    String dtProj() {
        return dtProj;
    }

    String aLog() {
        return aLog;
    }

    String d() {
        return d;
    }
}
