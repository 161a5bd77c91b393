package weft.weaver;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * weft's weaving step: runs Kilim's own weaver over a directory of class files, in place, then
 * proves the result is woven.
 *
 * <pre>
 * java -cp target/weaver/classes:target/weaver/lib/* weft.weaver.Weave \
 *      --kilim kilim-2.0.2.jar [--classpath CP] [--exclude GLOB]... [--check-only] CLASSES_DIR
 * </pre>
 *
 * {@code --exclude} leaves class files matching a glob (relative to CLASSES_DIR, e.g.
 * {@code com/example/generated/**}) to Kilim unwoven; the check still reads them, so an excluded
 * class that uses Pausable fails the step.
 *
 * Exit status: 0 woven and proven; 1 weaving failed or a class is left unwoven (each named on
 * standard error); 2 bad arguments. Kilim's weaver keeps static state and may call
 * {@code System.exit} itself, so this always runs in a JVM of its own.
 */
public final class Weave {
    private static final String USAGE =
            "usage: Weave --kilim KILIM_JAR [--classpath PATH] [--exclude GLOB]... [--check-only] CLASSES_DIR";

    private Weave() {}

    public static void main(String[] args) throws Exception {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("weft-weaver: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(arguments));
    }

    static int run(Arguments arguments) throws Exception {
        Path classes = arguments.classes();
        if (!Files.isDirectory(classes) || WovenCheck.classFiles(classes).isEmpty()) {
            System.out.println("weft-weaver: no classes in " + classes + ", nothing to weave");
            return 0;
        }
        if (!arguments.checkOnly()) {
            String failure = weave(arguments);
            if (failure != null) {
                System.err.println("weft-weaver: " + failure);
                return 1;
            }
        }
        List<Path> lookup = new ArrayList<>(arguments.classpath());
        lookup.add(arguments.kilimJar());
        try (WovenCheck check = new WovenCheck(classes, lookup)) {
            WovenCheck.Report report = check.check(classes);
            report.problems().forEach(problem -> System.err.println("weft-weaver: " + problem));
            if (!report.problems().isEmpty()) {
                System.err.println("weft-weaver: " + report.problems().size() + " unwoven use(s) of Pausable in "
                        + classes + "; Kilim would fail at run time (banner, then exit status 0)");
                return 1;
            }
            if (!arguments.checkOnly()) {
                ResumePoints.write(classes, WovenCheck.classFiles(classes));
            }
            System.out.println("weft-weaver: " + classes + ": " + report.pausableClasses() + " of "
                    + report.classesChecked() + " classes use Pausable, all woven");
            return 0;
        }
    }

    /** Runs kilim.tools.Weaver in place; returns null on success, else what went wrong. */
    private static String weave(Arguments arguments) throws Exception {
        String dir = arguments.classes().toString();
        List<String> kilimArgs = new ArrayList<>(List.of("-q", "-d", dir));
        for (Path file : WovenCheck.classFiles(arguments.classes())) {
            if (!arguments.excluded(file)) {
                kilimArgs.add(file.toString());
            }
        }
        if (kilimArgs.size() == 3) {
            return null; // every class file is excluded
        }
        List<String> classpathEntries = new ArrayList<>(List.of(dir));
        arguments.classpath().forEach(entry -> classpathEntries.add(entry.toString()));
        try (AsmLevelLiftingLoader kilim =
                     new AsmLevelLiftingLoader(arguments.kilimJar(), Weave.class.getClassLoader())) {
            Class<?> weaver = kilim.loadClass("kilim.tools.Weaver");
            Method parseArgs = weaver.getMethod("parseArgs", String[].class);
            Method doMain = weaver.getMethod("doMain", String[].class, String[].class);
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) parseArgs.invoke(null, (Object) kilimArgs.toArray(String[]::new));
            String[] classpath = classpathEntries.toArray(String[]::new);
            int errors;
            try {
                errors = (Integer) doMain.invoke(null, names.toArray(String[]::new), classpath);
            } catch (InvocationTargetException e) {
                return "Kilim's weaver failed on " + dir + ": " + e.getCause();
            }
            if (errors != 0) {
                return "Kilim's weaver reported errors in " + dir + " (see above)";
            }
            if (kilim.liftedOperands() == 0) {
                return "no ASM7 operand was lifted in " + arguments.kilimJar()
                        + ": not the Kilim 2.0.2 this weaver knows (weaver/README.md)";
            }
            return null;
        }
    }

    record Arguments(Path kilimJar, List<Path> classpath, List<PathMatcher> excludes, boolean checkOnly,
                     Path classes) {
        static Arguments parse(String[] args) {
            Path kilimJar = null;
            List<Path> classpath = new ArrayList<>();
            List<PathMatcher> excludes = new ArrayList<>();
            boolean checkOnly = false;
            Path classes = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--kilim" -> kilimJar = Path.of(valueAfter(args, i++));
                    case "--classpath" -> Arrays.stream(valueAfter(args, i++).split(File.pathSeparator))
                            .filter(entry -> !entry.isBlank())
                            .map(Path::of)
                            .forEach(classpath::add);
                    case "--exclude" -> excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + valueAfter(args, i++)));
                    case "--check-only" -> checkOnly = true;
                    default -> {
                        if (args[i].startsWith("-") || classes != null) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        classes = Path.of(args[i]);
                    }
                }
            }
            if (classes == null) {
                throw new IllegalArgumentException("no classes directory given");
            }
            if (kilimJar == null || !Files.isRegularFile(kilimJar)) {
                throw new IllegalArgumentException("--kilim must name Kilim's jar, got " + kilimJar);
            }
            classpath.remove(classes);
            return new Arguments(kilimJar, List.copyOf(classpath), List.copyOf(excludes), checkOnly, classes);
        }

        /** Whether a class file under the classes directory is left to Kilim unwoven. */
        boolean excluded(Path classFile) {
            Path relative = classes.relativize(classFile);
            return excludes.stream().anyMatch(glob -> glob.matches(relative));
        }

        private static String valueAfter(String[] args, int i) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            return args[i + 1];
        }
    }
}
