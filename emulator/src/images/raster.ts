/** An uncompressed 8-bit image, row-major, `channels` bytes per pixel (RGB or RGBA). */
export interface Raster {
	width: number;
	height: number;
	channels: 3 | 4;
	data: Uint8Array;
}

export function createRaster(width: number, height: number, channels: 3 | 4): Raster {
	return { width, height, channels, data: new Uint8Array(width * height * channels) };
}

/** Reads pixel (x, y) as [r, g, b, a] (a = 255 for RGB rasters). */
export function pixelAt(raster: Raster, x: number, y: number): [number, number, number, number] {
	const i = (y * raster.width + x) * raster.channels;
	const d = raster.data;
	return [d[i], d[i + 1], d[i + 2], raster.channels === 4 ? d[i + 3] : 255];
}
