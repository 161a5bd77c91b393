package weft.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import weft.weaver.WovenCheck;

/**
 * What both goals do to their directory of class files: read it first, and if every class that
 * uses Pausable is already woven (the usual case on a second build with nothing changed), say
 * so and stop; otherwise run weft's weaver over it in a JVM of its own, because Kilim's weaver
 * keeps static state and may call {@code System.exit}. The weaver fails, naming the class and
 * method, if anything is left unwoven afterwards.
 */
abstract class AbstractWeaveMojo extends AbstractMojo {
    private static final String KILIM = "org.db4j:kilim";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    /** Skips weaving and the check; {@code -Dweft.skip} on the command line. */
    @Parameter(property = "weft.skip", defaultValue = "false")
    boolean skip;

    /**
     * Class files Kilim must leave alone, as globs relative to the classes directory
     * ({@code com/example/generated/**}). They are still checked: an excluded class that uses
     * Pausable fails the build.
     */
    @Parameter
    List<String> excludes = new ArrayList<>();

    /** The directory this goal weaves. */
    abstract Path classesDirectory();

    /** The class path its classes were compiled against, the directory itself included. */
    abstract List<String> classpathElements() throws MojoExecutionException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        Path classes = classesDirectory();
        Path shown = shown(classes);
        if (skip) {
            getLog().info("weft: weaving skipped (weft.skip)");
            return;
        }
        try {
            if (!Files.isDirectory(classes) || WovenCheck.classFiles(classes).isEmpty()) {
                getLog().info("weft: no classes in " + shown + ", nothing to weave");
                return;
            }
            List<Path> classpath = classpath(classes);
            WovenCheck.Report report;
            try (WovenCheck check = new WovenCheck(classes, classpath)) {
                report = check.check(classes);
            }
            if (report.problems().isEmpty()) {
                getLog().info("weft: nothing to weave in " + shown + ": " + report.pausableClasses() + " of "
                        + report.classesChecked() + " classes use Pausable, all woven already");
                return;
            }
            new ForkedWeaver(pluginJar(KILIM), weaverClasspath(), getLog()).weave(shown, classpath, excludes);
        } catch (IOException e) {
            throw new MojoExecutionException("weft: cannot weave " + shown + ": " + e.getMessage(), e);
        }
    }

    /** The directory as the user would type it: relative to where Maven was started, if inside it. */
    private static Path shown(Path classes) {
        Path here = Path.of("").toAbsolutePath();
        return classes.startsWith(here) ? here.relativize(classes) : classes;
    }

    private List<Path> classpath(Path classes) throws MojoExecutionException {
        List<Path> classpath = new ArrayList<>();
        for (String element : classpathElements()) {
            Path entry = Path.of(element);
            if (!entry.equals(classes)) {
                classpath.add(entry);
            }
        }
        classpath.add(pluginJar(KILIM)); // Kilim's own Pausable methods, whatever the project's version
        return classpath;
    }

    /** The weaver and its ASM: every jar of this plugin's own class path but Kilim's. */
    private List<Path> weaverClasspath() {
        List<Path> jars = new ArrayList<>();
        for (Artifact artifact : plugin.getArtifacts()) {
            if (!key(artifact).equals(KILIM)) {
                jars.add(artifact.getFile().toPath());
            }
        }
        return jars;
    }

    private Path pluginJar(String key) throws MojoExecutionException {
        for (Artifact artifact : plugin.getArtifacts()) {
            if (key(artifact).equals(key)) {
                return artifact.getFile().toPath();
            }
        }
        throw new MojoExecutionException("weft: " + key + " is missing from the plugin's class path");
    }

    private static String key(Artifact artifact) {
        return artifact.getGroupId() + ":" + artifact.getArtifactId();
    }
}
