"""Town geometry: an organic outline cut into wijken and buurten that share borders exactly."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

RD_NEW = 28992
WGS84 = 4326

# Small Voronoi cells per buurt: enough for jagged, organic borders, few enough to stay fast.
CELLS_PER_BUURT = 10
# Border wiggle that coverage_simplify may remove (metres); keeps shared edges shared.
SIMPLIFY_TOLERANCE_M = 8.0
# Crossing the river costs this many times the distance, so it becomes a border when it can.
RIVER_PENALTY = 60.0


@dataclass(frozen=True)
class Town:
    """One gemeente's polygons in WGS84, wijken and buurten in code order."""

    gemeente: shapely.Polygon
    wijken: np.ndarray  # shapely polygons, index = wijk number - 1
    buurten: np.ndarray  # shapely polygons, grouped by wijk
    buurt_wijk: np.ndarray  # wijk index of every buurt
    buurt_area_km2: np.ndarray
    # distance of the buurt's centre from the town centre, as a share of the radius
    buurt_centrality: np.ndarray


def town_radius_m(n_buurten: int) -> float:
    """Radius of a town with this many buurten; the showcase's 36 buurten give 3.5 km."""
    return 583.0 * float(np.sqrt(n_buurten))


def town_outline(
    rng: np.random.Generator, centre: tuple[float, float], radius: float
) -> shapely.Polygon:
    """A star-shaped blob: a circle bent by a few low harmonics, so no two towns look alike."""
    theta = np.linspace(0.0, 2.0 * np.pi, 90, endpoint=False)
    r = np.ones_like(theta)
    for k in (2, 3, 4, 5):
        r += (
            rng.uniform(0.03, 0.11) / np.sqrt(k - 1) * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
        )
    r *= rng.uniform(0.97, 1.03, size=theta.size)  # a ragged edge, as municipal borders are
    x = centre[0] + radius * r * np.cos(theta)
    y = centre[1] + radius * r * np.sin(theta)
    return shapely.Polygon(np.column_stack([x, y]))


def river_line(
    rng: np.random.Generator, centre: tuple[float, float], radius: float
) -> shapely.LineString:
    """A meandering line right through the town, a little off centre."""
    angle = rng.uniform(0, np.pi)
    along = np.array([np.cos(angle), np.sin(angle)])
    across = np.array([-along[1], along[0]])
    t = np.linspace(-1.8, 1.8, 60)
    offset = rng.uniform(0.12, 0.25) * rng.choice([-1.0, 1.0])
    meander = 0.16 * np.sin(t * rng.uniform(2.2, 3.2) + rng.uniform(0, 2 * np.pi))
    pts = (
        np.asarray(centre)
        + radius * t[:, None] * along
        + radius * (offset + meander)[:, None] * across
    )
    return shapely.LineString(pts)


def _river_side(river: shapely.LineString, xy: np.ndarray) -> np.ndarray:
    """True for points on the left bank (the river line closed around its left side)."""
    coords = np.asarray(river.coords)
    d = coords[-1] - coords[0]
    left = np.array([-d[1], d[0]])
    closing = [coords[-1] + left * 2, coords[0] + left * 2]
    bank = shapely.Polygon(np.vstack([coords, closing]))
    return shapely.contains_xy(bank, xy[:, 0], xy[:, 1])


def _seed_points(
    rng: np.random.Generator,
    outline: shapely.Polygon,
    centre: tuple[float, float],
    radius: float,
    n: int,
) -> np.ndarray:
    """Points inside the outline, denser near the centre (small cells, small central buurten)."""
    found: list[np.ndarray] = []
    total = 0
    while total < n:
        uniform = rng.uniform(-1.4, 1.4, size=(n, 2)) * radius
        dense = rng.normal(0.0, 0.4, size=(n, 2)) * radius
        pts = np.asarray(centre) + np.vstack([uniform[: n // 2], dense[: n - n // 2]])
        pts = pts[shapely.contains_xy(outline, pts[:, 0], pts[:, 1])]
        found.append(pts)
        total += len(pts)
    return np.vstack(found)[:n]


def cut_pieces(
    rng: np.random.Generator,
    outline: shapely.Polygon,
    river: shapely.LineString | None,
    centre: tuple[float, float],
    radius: float,
    n_cells: int,
) -> np.ndarray:
    """Voronoi cells clipped to the outline and split by the river, as one exact coverage."""
    pts = _seed_points(rng, outline, centre, radius, n_cells)
    cells = shapely.voronoi_polygons(
        shapely.multipoints(pts), extend_to=shapely.buffer(outline, radius * 0.2)
    )
    # Polygonising the noded linework of all borders at once gives pieces that share
    # every edge exactly, which clipping each cell separately would not guarantee.
    lines = list(shapely.boundary(shapely.get_parts(cells))) + [shapely.boundary(outline)]
    if river is not None:
        lines.append(river)
    noded = shapely.union_all(lines)
    pieces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    inside = shapely.point_on_surface(pieces)
    keep = shapely.contains(outline, inside) & (shapely.area(pieces) > 1.0)
    return pieces[keep]


def adjacency(polys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of polygons sharing a border of positive length."""
    tree = shapely.STRtree(polys)
    i, j = tree.query(polys, predicate="touches")
    keep = i < j
    i, j = i[keep], j[keep]
    shared = shapely.length(shapely.intersection(polys[i], polys[j]))
    keep = shared > 1e-6
    return i[keep], j[keep]


def grow_regions(
    n: int, ei: np.ndarray, ej: np.ndarray, weight: np.ndarray, seeds: np.ndarray
) -> np.ndarray:
    """Label every node with the seed nearest along the graph; regions are connected."""
    neighbours: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for a, b, w in zip(ei.tolist(), ej.tolist(), weight.tolist(), strict=True):
        neighbours[a].append((b, w))
        neighbours[b].append((a, w))
    label = np.full(n, -1, dtype=np.int64)
    heap = [(0.0, int(s), k) for k, s in enumerate(seeds)]
    heapq.heapify(heap)
    while heap:
        dist, node, k = heapq.heappop(heap)
        if label[node] >= 0:
            continue
        label[node] = k
        for nb, w in neighbours[node]:
            if label[nb] < 0:
                heapq.heappush(heap, (dist + w, nb, k))
    if (label < 0).any():
        raise RuntimeError("Demo-geometrie: niet alle vlakken zijn bereikbaar vanuit een kern")
    return label


def weighted_kmeans_seeds(
    rng: np.random.Generator, xy: np.ndarray, weight: np.ndarray, k: int, iterations: int = 20
) -> np.ndarray:
    """Indices of k points near the centres of weighted k-means (more weight, more seeds)."""
    p = weight / weight.sum()
    centres = xy[rng.choice(len(xy), size=k, replace=False, p=p)]
    for _ in range(iterations):
        d = ((xy[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        nearest = d.argmin(axis=1)
        total = np.bincount(nearest, weights=weight, minlength=k)
        sums = np.column_stack(
            [np.bincount(nearest, weights=weight * xy[:, i], minlength=k) for i in (0, 1)]
        )
        filled = total > 0
        centres[filled] = sums[filled] / total[filled, None]
    # One distinct point per centre, so every region starts from its own seed.
    seeds: list[int] = []
    d = ((xy[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    for c in range(k):
        order = np.argsort(d[:, c], kind="stable")
        seeds.append(int(next(i for i in order if i not in seeds)))
    return np.array(seeds, dtype=np.int64)


def _allocate(total: int, weights: np.ndarray, floor: int, caps: np.ndarray) -> np.ndarray:
    """Split total over parts in proportion to weights (largest remainder), within floor and caps."""
    share = weights / weights.sum() * total
    counts = np.clip(np.floor(share).astype(np.int64), floor, caps)
    while counts.sum() < total:
        room = np.where(counts < caps, share - counts, -np.inf)
        counts[int(np.argmax(room))] += 1
    while counts.sum() > total:
        room = np.where(counts > floor, counts - share, -np.inf)
        counts[int(np.argmax(room))] -= 1
    return counts


def _angle_order(xy: np.ndarray, centre: tuple[float, float]) -> np.ndarray:
    """Clockwise from north around the centre."""
    angle = np.arctan2(xy[:, 0] - centre[0], xy[:, 1] - centre[1]) % (2 * np.pi)
    return np.argsort(angle, kind="stable")


def build_town(
    rng: np.random.Generator,
    centre: tuple[float, float],
    n_wijken: int,
    n_buurten: int,
    with_river: bool,
) -> Town:
    """Cut a fresh town into n_wijken wijken and n_buurten buurten; return WGS84 polygons."""
    radius = town_radius_m(n_buurten)
    outline = town_outline(rng, centre, radius)
    river = river_line(rng, centre, radius) if with_river else None
    pieces = cut_pieces(rng, outline, river, centre, radius, CELLS_PER_BUURT * n_buurten)

    rep = shapely.get_coordinates(shapely.point_on_surface(pieces))
    dist_c = np.hypot(rep[:, 0] - centre[0], rep[:, 1] - centre[1]) / radius
    # Population weight: the centre is dense, so it gets more (and smaller) wijken and buurten.
    weight = shapely.area(pieces) * (0.35 + 2.5 * np.exp(-((dist_c / 0.45) ** 2)))
    ei, ej = adjacency(pieces)
    length = np.hypot(*(rep[ei] - rep[ej]).T) * rng.uniform(0.7, 1.5, size=ei.size)
    if river is not None:
        side = _river_side(river, rep)
        length = np.where(side[ei] != side[ej], length * RIVER_PENALTY, length)

    wijk_seeds = weighted_kmeans_seeds(rng, rep, weight, n_wijken)
    piece_wijk = grow_regions(len(pieces), ei, ej, length, wijk_seeds)

    # Wijk numbering: the one holding the town centre first, the rest clockwise from north.
    wijk_xy = np.array([np.average(rep[piece_wijk == w], axis=0) for w in range(n_wijken)])
    centre_wijk = int(piece_wijk[np.argmin(dist_c)])
    rest = [int(w) for w in _angle_order(wijk_xy, centre) if w != centre_wijk]
    order = np.array([centre_wijk, *rest])
    renumber = np.empty(n_wijken, dtype=np.int64)
    renumber[order] = np.arange(n_wijken)
    piece_wijk = renumber[piece_wijk]

    wijk_weight = np.bincount(piece_wijk, weights=weight, minlength=n_wijken)
    wijk_pieces = np.bincount(piece_wijk, minlength=n_wijken)
    floor = 2 if n_buurten >= 2 * n_wijken else 1
    per_wijk = _allocate(n_buurten, wijk_weight, floor, np.minimum(wijk_pieces, 99))

    buurt_polys: list = []
    buurt_wijk: list[int] = []
    buurt_xy: list[np.ndarray] = []
    for w in range(n_wijken):
        idx = np.flatnonzero(piece_wijk == w)
        local = np.full(len(pieces), -1, dtype=np.int64)
        local[idx] = np.arange(idx.size)
        inner = (piece_wijk[ei] == w) & (piece_wijk[ej] == w)
        seeds = weighted_kmeans_seeds(rng, rep[idx], weight[idx], int(per_wijk[w]))
        lab = grow_regions(idx.size, local[ei[inner]], local[ej[inner]], length[inner], seeds)
        xy = np.array([np.average(rep[idx][lab == b], axis=0) for b in range(per_wijk[w])])
        # Buurten of a wijk: the one nearest the town centre first (the wijk's heart).
        for b in np.argsort(np.hypot(xy[:, 0] - centre[0], xy[:, 1] - centre[1]), kind="stable"):
            buurt_polys.append(shapely.coverage_union_all(pieces[idx][lab == b]))
            buurt_wijk.append(w)
            buurt_xy.append(xy[b])

    buurten_rd = shapely.coverage_simplify(np.array(buurt_polys), SIMPLIFY_TOLERANCE_M)
    buurt_wijk_arr = np.array(buurt_wijk, dtype=np.int64)
    wijken_rd = np.array(
        [shapely.coverage_union_all(buurten_rd[buurt_wijk_arr == w]) for w in range(n_wijken)]
    )
    gemeente_rd = shapely.coverage_union_all(wijken_rd)

    everything = gpd.GeoSeries([gemeente_rd, *wijken_rd, *buurten_rd], crs=RD_NEW).to_crs(WGS84)
    geoms = everything.to_numpy()
    gemeente, wijken, buurten = geoms[0], geoms[1 : 1 + n_wijken], geoms[1 + n_wijken :]
    _check(gemeente, wijken, buurten)
    bxy = np.array(buurt_xy)
    return Town(
        gemeente=gemeente,
        wijken=wijken,
        buurten=buurten,
        buurt_wijk=buurt_wijk_arr,
        buurt_area_km2=shapely.area(buurten_rd) / 1e6,
        buurt_centrality=np.hypot(bxy[:, 0] - centre[0], bxy[:, 1] - centre[1]) / radius,
    )


def _check(gemeente: shapely.Polygon, wijken: np.ndarray, buurten: np.ndarray) -> None:
    """Fail loudly rather than store polygons the maps would draw wrongly."""
    everything = np.array([gemeente, *wijken, *buurten])
    if not shapely.is_valid(everything).all():
        raise RuntimeError("Demo-geometrie: ongeldige polygonen na omzetting naar WGS84")
    if shapely.get_type_id(everything).tolist() != [3] * everything.size:
        raise RuntimeError("Demo-geometrie: een gebied bestaat uit meer dan één polygoon")
    if not (shapely.coverage_is_valid(wijken) and shapely.coverage_is_valid(buurten)):
        raise RuntimeError("Demo-geometrie: wijken of buurten overlappen of laten gaten")
