package weft.weaver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

/**
 * Writes, for every woven class, which call each resume point of each method is: the table that
 * lets weft show where a suspended task is ({@code Generator.suspendedStack}, the monitor's
 * {@code where}).
 *
 * <p>A suspended Kilim fiber keeps one {@code kilim.State} per frame, with the frame's
 * {@code self} and its resume point {@code pc}, but not which method the frame is. Kilim's woven
 * method starts with {@code switch (fiber.pc)}: case {@code pc} jumps (through a {@code goto})
 * to the Pausable call the frame suspended in. Following it gives the call's line and the
 * method it calls, which is the next frame's; so a walk from the known outermost frame finds
 * every frame's method and line. Reading this from the woven code itself, rather than guessing
 * Kilim's numbering from the source, makes the table exactly what runs.
 *
 * <p>One text file per class, {@code META-INF/weft/resume-points/<class>.txt}, read only when
 * someone asks where a task is:
 * <pre>
 * source EchoHandler.java
 * method body (Lkilim/Fiber;)Ljava/lang/Void; 4
 * pc 1 67 182 weft/generator/Generator yield (Ljava/lang/Object;Lkilim/Fiber;)Ljava/lang/Object;
 * </pre>
 * ({@code method NAME DESC ACCESS}, then {@code pc PC LINE OPCODE OWNER NAME DESC} per resume point.)
 */
final class ResumePoints {
    static final String DIRECTORY = "META-INF/weft/resume-points";
    private static final String FIBER_PARAMETER = "Lkilim/Fiber;)";

    private ResumePoints() {}

    /** Writes the table of every woven class under {@code classes}; returns how many classes have one. */
    static int write(Path classes, List<Path> classFiles) throws IOException {
        int written = 0;
        for (Path file : classFiles) {
            ClassNode type = new ClassNode();
            new ClassReader(Files.readAllBytes(file)).accept(type, ClassReader.SKIP_FRAMES);
            String table = table(type);
            if (table != null) {
                Path out = classes.resolve(DIRECTORY).resolve(type.name + ".txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, table, StandardCharsets.UTF_8);
                written++;
            }
        }
        return written;
    }

    /** The table of one class, or null if no method of it can suspend. */
    static String table(ClassNode type) {
        StringBuilder table = new StringBuilder("source ").append(type.sourceFile).append('\n');
        boolean any = false;
        for (MethodNode method : type.methods) {
            TableSwitchInsnNode dispatch = resumeDispatch(method);
            if (dispatch == null) {
                continue;
            }
            any = true;
            table.append("method ").append(method.name).append(' ').append(method.desc).append(' ')
                    .append(method.access).append('\n');
            Map<AbstractInsnNode, Integer> lines = lines(method);
            for (int pc = 1; pc < dispatch.labels.size(); pc++) {
                MethodInsnNode call = pausableCallAfter(dispatch.labels.get(pc));
                if (call != null) {
                    table.append("pc ").append(pc).append(' ').append(lines.getOrDefault(call, 0)).append(' ')
                            .append(call.getOpcode()).append(' ').append(call.owner).append(' ')
                            .append(call.name).append(' ').append(call.desc).append('\n');
                }
            }
        }
        return any ? table.toString() : null;
    }

    /** The {@code switch (fiber.pc)} Kilim puts at the start of a woven method, or null. */
    private static TableSwitchInsnNode resumeDispatch(MethodNode method) {
        if (method.instructions == null) {
            return null;
        }
        boolean readsPc = false;
        int seen = 0;
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null && seen < 8; insn = insn.getNext()) {
            if (insn.getOpcode() < 0) {
                continue; // labels, line numbers
            }
            seen++;
            if (insn instanceof FieldInsnNode field && field.owner.equals("kilim/Fiber") && field.name.equals("pc")) {
                readsPc = true;
            } else if (readsPc && insn instanceof TableSwitchInsnNode dispatch && dispatch.min == 0) {
                return dispatch;
            }
        }
        return null;
    }

    /** The first call taking a Fiber reached from {@code label}, following gotos. */
    private static MethodInsnNode pausableCallAfter(LabelNode label) {
        AbstractInsnNode insn = label;
        for (int steps = 0; insn != null && steps < 10_000; steps++) {
            if (insn instanceof MethodInsnNode call && call.desc.contains(FIBER_PARAMETER)) {
                return call;
            }
            insn = insn.getOpcode() == Opcodes.GOTO ? ((JumpInsnNode) insn).label : insn.getNext();
        }
        return null;
    }

    /** Each instruction's source line, from the line number nodes before it. */
    private static Map<AbstractInsnNode, Integer> lines(MethodNode method) {
        Map<AbstractInsnNode, Integer> lines = new IdentityHashMap<>();
        int line = 0;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode number) {
                line = number.line;
            }
            lines.put(insn, line);
        }
        return lines;
    }

    /** For the weaver's tests: the table lines of one class file. */
    static List<String> tableOf(Path classFile) throws IOException {
        ClassNode type = new ClassNode();
        new ClassReader(Files.readAllBytes(classFile)).accept(type, ClassReader.SKIP_FRAMES);
        String table = table(type);
        return table == null ? List.of() : new ArrayList<>(table.lines().toList());
    }
}
