package dev.esl.tagmanager.task;

import dev.esl.tagmanager.api.ApiError;
import dev.esl.tagmanager.api.BadRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import dev.esl.tagmanager.security.SignedInUser;
import dev.esl.tagmanager.security.StoreAccess;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Price changes, LED flashes and page switches, and the tasks they become; the signed-in user is recorded on the
 * task as its creator, and each request is kept to the stores the user reaches ({@link StoreAccess}).
 */
@RestController
@Validated
@RequestMapping("/api/v1")
class TaskController {
    private final PriceChangeService priceChanges;
    private final TaskService tasks;
    private final TaskMapper taskMapper;
    private final JobMapper jobs;
    private final PriceChangeMapper prices;
    private final StoreAccess access;

    TaskController(PriceChangeService priceChanges, TaskService tasks, TaskMapper taskMapper, JobMapper jobs,
            PriceChangeMapper prices, StoreAccess access) {
        this.access = access;
        this.priceChanges = priceChanges;
        this.tasks = tasks;
        this.taskMapper = taskMapper;
        this.jobs = jobs;
        this.prices = prices;
    }

    /** 201 with the task and any rejected rows; 400 naming every row's problems when no row could be applied. */
    @PostMapping(path = "/price-changes", consumes = "application/json")
    ResponseEntity<TaskCreated> priceChange(@Valid @RequestBody PriceChangeRequest request) {
        String store = blankToNull(request.storeId());
        checkReach(store, request.numberedRows());
        return answer(priceChanges.create(request.numberedRows(), request.description(), request.effectiveAt(),
                request.deadline(), actor(), store), "rows[%d]");
    }

    /** The same from a CSV body (see {@link PriceChangeCsv}); rows are named by their line number. */
    @PostMapping(path = "/price-changes", consumes = "text/csv")
    ResponseEntity<TaskCreated> priceChangeCsv(@RequestBody String csv,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant effectiveAt,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant deadline,
            @RequestParam(required = false) String storeId) {
        PriceChangeCsv.Parsed parsed = PriceChangeCsv.parse(new StringReader(csv));
        String store = blankToNull(storeId);
        checkReach(store, parsed.rows());
        TaskCreated created = parsed.rows().isEmpty()
                ? new TaskCreated(null, null, 0, 0, List.of())
                : priceChanges.create(parsed.rows(), description, effectiveAt, deadline, actor(),
                        store);
        List<RowError> rejected = new ArrayList<>(parsed.errors());
        rejected.addAll(created.rejected());
        rejected.sort(java.util.Comparator.comparingInt(RowError::row));
        return answer(new TaskCreated(created.taskId(), created.traceId(), created.rowsApplied(), created.jobs(),
                rejected), "line %d");
    }

    @PostMapping("/led-flashes")
    @ResponseStatus(HttpStatus.CREATED)
    TaskCreated flash(@Valid @RequestBody TagActionRequest request) {
        access.targets(request.tags(), request.sku());
        return tasks.flash(request, actor());
    }

    @PostMapping("/page-switches")
    @ResponseStatus(HttpStatus.CREATED)
    TaskCreated switchPage(@Valid @RequestBody TagActionRequest request) {
        access.targets(request.tags(), request.sku());
        return tasks.switchPage(request, actor());
    }

    /** Newest first; pass the last id of a page as {@code before} for the next one. */
    @GetMapping("/tasks")
    List<Task> list(@RequestParam(defaultValue = "" + Long.MAX_VALUE) long before,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return StoreAccess.onlyStore().map(store -> taskMapper.pageOfStore(store, before, limit))
                .orElseGet(() -> taskMapper.page(before, limit));
    }

    @GetMapping("/tasks/{id}")
    TaskStatus status(@PathVariable long id) {
        access.task(id);
        return tasks.status(id);
    }

    /**
     * A task's jobs by id, optionally in one state, each with its earlier attempts; pass the last id of a page as
     * {@code after}.
     */
    @GetMapping("/tasks/{id}/jobs")
    List<JobView> jobs(@PathVariable long id, @RequestParam(required = false) JobState state,
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        access.task(id);
        return tasks.jobs(id, state, after, limit);
    }

    @GetMapping("/tasks/{id}/prices")
    List<PriceChangeMapper.PriceRow> prices(@PathVariable long id) {
        access.task(id);
        tasks.status(id);
        return prices.ofTask(id);
    }

    @PostMapping("/tasks/{id}/cancel")
    TaskStatus cancel(@PathVariable long id) {
        access.task(id);
        return tasks.cancel(id, actor());
    }

    /**
     * A store's price change needs the store within reach; a chain-wide one, by a store's staff, needs every tag of
     * its products in their store (else it would change another store's shelves).
     */
    private void checkReach(String storeId, List<PriceChangeRow> rows) {
        if (storeId != null) {
            access.store(storeId);
        } else {
            access.products(rows.stream().map(PriceChangeRow::sku).filter(java.util.Objects::nonNull).distinct()
                    .toList());
        }
    }

    /** Who a task records as its creator: the signed-in user (every API call signs in). */
    private static String actor() {
        return SignedInUser.nameOr("api");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static ResponseEntity<TaskCreated> answer(TaskCreated created, String rowName) {
        if (created.taskId() == null) {
            List<ApiError.FieldProblem> fields = new ArrayList<>();
            for (RowError e : created.rejected()) {
                for (String p : e.problems()) {
                    fields.add(new ApiError.FieldProblem(String.format(rowName, e.row()), p));
                }
            }
            throw new BadRequestException("no row could be applied", fields);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }
}
